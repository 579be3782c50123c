package charset_test

import (
	"testing"

	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql/internal/charset"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestLookups(t *testing.T) {
	tests := []struct {
		id      uint16
		name    string
		charset string
	}{
		{8, "latin1_swedish_ci", "latin1"},
		{28, "gbk_chinese_ci", "gbk"},
		{33, "utf8mb3_general_ci", "utf8mb3"},
		{45, "utf8mb4_general_ci", "utf8mb4"},
		{46, "utf8mb4_bin", "utf8mb4"},
		{63, "binary", "binary"},
		{224, "utf8mb4_unicode_ci", "utf8mb4"},
		{255, "utf8mb4_0900_ai_ci", "utf8mb4"}, // MySQL 8 only
		{248, "gb18030_chinese_ci", "gb18030"}, // MySQL 8 only
	}
	for _, tc := range tests {
		c, ok := charset.ByID(tc.id)
		if !ok || c.Name != tc.name || c.Charset != tc.charset {
			t.Errorf("ByID(%d) = %+v, %v; want %s/%s", tc.id, c, ok, tc.name, tc.charset)
		}
		c, ok = charset.ByName(tc.name)
		if !ok || c.ID != tc.id {
			t.Errorf("ByName(%q) = %+v, %v; want id %d", tc.name, c, ok, tc.id)
		}
	}
	if _, ok := charset.ByID(2047); ok {
		t.Error("ByID(2047) found a collation")
	}
	if _, ok := charset.ByName("no_such_collation"); ok {
		t.Error("ByName found an unknown collation")
	}
}

func TestDefaultCollation(t *testing.T) {
	for cs, want := range map[string]string{
		"utf8mb4": "utf8mb4_general_ci", "utf8": "utf8mb3_general_ci", "latin1": "latin1_swedish_ci",
		"binary": "binary", "gbk": "gbk_chinese_ci", "gb18030": "gb18030_chinese_ci",
	} {
		c, ok := charset.DefaultCollation(cs)
		if !ok || c.Name != want || !c.Default {
			t.Errorf("DefaultCollation(%q) = %+v, %v; want %s", cs, c, ok, want)
		}
	}
	if _, ok := charset.DefaultCollation("klingon"); ok {
		t.Error("DefaultCollation of an unknown charset succeeded")
	}
}

func TestUnsafeForEscaping(t *testing.T) {
	for _, cs := range []string{"big5", "cp932", "gbk", "sjis", "gb18030"} {
		if !charset.UnsafeForEscaping(cs) {
			t.Errorf("%s is unsafe for backslash escaping", cs)
		}
	}
	for _, cs := range []string{"utf8mb4", "utf8mb3", "latin1", "binary", "ujis", "euckr", "ascii"} {
		if charset.UnsafeForEscaping(cs) {
			t.Errorf("%s is safe for backslash escaping", cs)
		}
	}
}
