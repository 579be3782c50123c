package main

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// committed is the generated file, relative to this directory.
const committed = "../../../errcode/codes_gen.go"

// TestGenerateSmall renders a two-entry table and checks that the result is
// Go that parses and carries the generated-code marker, the constants and
// both lookups.
func TestGenerateSmall(t *testing.T) {
	header := "#define ER_ERROR_FIRST 1000\n#define ER_DUP_KEY 1000\n#define ER_LOCK_DEADLOCK 1001\n" +
		"#define ER_BAD_DB_ERROR 1002\n#define ER_ERROR_LAST 1002\n"
	errmsg := "start-error-number 1000\nER_DUP_KEY 23000 S1009\n  eng \"x\"\nER_LOCK_DEADLOCK 40001\nER_BAD_DB_ERROR 42000\n"
	src, err := generate([]byte(header), []byte(errmsg), "10.11.0-MariaDB")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "codes_gen.go", src, parser.ParseComments); err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, src)
	}
	text := string(src)
	first, _, _ := strings.Cut(text, "\n")
	if !regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`).MatchString(first) {
		t.Errorf("first line %q lacks the generated-code marker", first)
	}
	for _, want := range []string{
		"MariaDB 10.11.0-MariaDB",
		"// DupKey is ER_DUP_KEY (SQLSTATE 23000).\n\tDupKey uint16 = 1000\n",
		"LockDeadlock uint16 = 1001",
		"BadDBError uint16 = 1002",
		"case BadDBError:\n\t\treturn \"ER_BAD_DB_ERROR\"",
		"case\n\t\tDupKey:\n\t\treturn \"23000\"",
		"return \"HY000\"",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}

// TestCommittedUpToDate regenerates the table from the installed MariaDB
// files and compares it with the committed errcode/codes_gen.go. It needs
// libmariadb-dev (mysqld_error.h) and mariadb-server (errmsg-utf8.txt); CI
// installs only the server, so without the header it logs why it compared
// nothing. That is the one check in this package that depends on the
// machine.
func TestCommittedUpToDate(t *testing.T) {
	for _, p := range []string{defaultHeader, defaultErrmsg} {
		if _, err := os.Stat(p); err != nil {
			t.Logf("not compared: %v; to compare, apt-get install -y libmariadb-dev mariadb-server", err)
			return
		}
	}
	out := filepath.Join(t.TempDir(), "codes_gen.go")
	var stderr bytes.Buffer
	if err := run([]string{"-header", defaultHeader, "-errmsg", defaultErrmsg, "-o", out}, &stderr); err != nil {
		t.Fatalf("generator: %v\n%s", err, stderr.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(committed)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("errcode/codes_gen.go differs from what the installed MariaDB %s files generate: "+
			"it was edited, or the installed MariaDB is another version; run go generate ./errcode/ "+
			"if the new table is wanted (first difference at line %d)",
			serverVersion(defaultHeader), firstDiffLine(got, want))
	}
}

func TestRunFlags(t *testing.T) {
	dir := t.TempDir()
	header := filepath.Join(dir, "mysqld_error.h")
	errmsg := filepath.Join(dir, "errmsg-utf8.txt")
	if err := os.WriteFile(header, []byte("#define ER_DUP_ENTRY 1062\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(errmsg, []byte("start-error-number 1062\nER_DUP_ENTRY 23000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.go")
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{name: "ok", args: []string{"-header", header, "-errmsg", errmsg, "-o", out}},
		{name: "missing header", args: []string{"-header", filepath.Join(dir, "none.h"), "-errmsg", errmsg, "-o", out}, wantErr: "none.h"},
		{name: "bad header", args: []string{"-header", errmsg, "-errmsg", errmsg, "-o", out}, wantErr: "mysqld_error.h: no error numbers"},
		{name: "stray argument", args: []string{"-o", out, "x"}, wantErr: "unexpected arguments"},
		{name: "unknown flag", args: []string{"-nope"}, wantErr: "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			err := run(tt.args, &stderr)
			checkErr(t, err, tt.wantErr)
			if tt.wantErr != "" {
				return
			}
			src, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(src, []byte("DupEntry uint16 = 1062")) {
				t.Errorf("output lacks DupEntry:\n%s", src)
			}
		})
	}
}

// firstDiffLine returns the 1-based line where a and b first differ.
func firstDiffLine(a, b []byte) int {
	line := 1
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		if a[i] == '\n' {
			line++
		}
	}
	return line
}
