package aiomysql_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

const canary = "pw-CANARY"

// canaryConfigs are Configs holding the canary password, in both DSN forms.
func canaryConfigs() map[string]*aiomysql.Config {
	return map[string]*aiomysql.Config{
		"driver form": config(func(c *aiomysql.Config) {
			c.User, c.Password, c.Host, c.Database = "root", canary, "db.example", "shop"
			c.Params = map[string]string{"wait_timeout": "60"}
		}),
		"url form": config(func(c *aiomysql.Config) { c.User, c.Password = "us:er", canary }),
		"unix":     config(func(c *aiomysql.Config) { c.User, c.Password, c.UnixSocket = "root", canary, "/s" }),
	}
}

func requireNoCanary(t *testing.T, what, text string) {
	t.Helper()
	if strings.Contains(text, "CANARY") {
		t.Errorf("%s shows the password: %s", what, text)
	}
}

// TestS10_ConfigFormatting prints a Config with every verb, as a value and
// as a pointer, alone and nested, and checks the password never shows while
// the rest does.
func TestS10_ConfigFormatting(t *testing.T) {
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%30v", "%-10s"}
	for name, cfg := range canaryConfigs() {
		t.Run(name, func(t *testing.T) {
			type holder struct {
				Cfg  aiomysql.Config
				Ptr  *aiomysql.Config
				List []*aiomysql.Config
			}
			nested := holder{Cfg: *cfg, Ptr: cfg, List: []*aiomysql.Config{cfg}}
			for _, verb := range verbs {
				for label, arg := range map[string]any{"pointer": cfg, "value": *cfg, "nested": nested, "nested pointer": &nested} {
					out := fmt.Sprintf(verb, arg)
					requireNoCanary(t, verb+" of "+label, out)
				}
			}
			requireNoCanary(t, "String()", cfg.String())
			requireNoCanary(t, "GoString()", cfg.GoString())
			requireNoCanary(t, "fmt.Sprint", fmt.Sprint(cfg, *cfg))
			requireNoCanary(t, "fmt.Sprintln", fmt.Sprintln(cfg))
			if !strings.Contains(cfg.String(), "xxxxx") {
				t.Errorf("String() does not show the redacted password: %s", cfg)
			}
			if !strings.Contains(fmt.Sprintf("%+v", cfg), "Password:xxxxx") {
				t.Errorf("%%+v does not show the redacted Password field: %+v", cfg)
			}
			if !strings.Contains(fmt.Sprintf("%#v", *cfg), `aiomysql.Config{`) || !strings.Contains(fmt.Sprintf("%#v", cfg), `Password:"xxxxx"`) {
				t.Errorf("%%#v is not a redacted Go syntax: %#v", cfg)
			}
			if !strings.Contains(cfg.FormatDSN(), canary) {
				t.Errorf("FormatDSN lost the password: it is the one method that must keep it")
			}
			if got := fmt.Sprintf("%v", cfg); got != cfg.String() {
				t.Errorf("%%v = %q, want String() %q", got, cfg.String())
			}
		})
	}
	noPassword := config(func(c *aiomysql.Config) { c.User = "u" })
	if strings.Contains(noPassword.String(), "xxxxx") || strings.Contains(fmt.Sprintf("%+v", noPassword), "Password:xxxxx") {
		t.Errorf("an empty password is shown as set: %+v", noPassword)
	}
	var nilCfg *aiomysql.Config
	requireNoCanary(t, "nil Config", fmt.Sprintf("%v %+v %#v", nilCfg, nilCfg, nilCfg))
}

// TestS10_ConfigSlog logs a Config through slog's JSON and text handlers.
func TestS10_ConfigSlog(t *testing.T) {
	for name, cfg := range canaryConfigs() {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			handlers := map[string]slog.Handler{
				"json": slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}),
				"text": slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}),
			}
			for hname, h := range handlers {
				buf.Reset()
				log := slog.New(h)
				log.Info("connecting", "cfg", cfg, "value", *cfg)
				log.Debug("group", slog.Group("g", slog.Any("cfg", cfg)))
				log.With("cfg", cfg).Error("failed", "err", errors.New("x"))
				out := buf.String()
				requireNoCanary(t, hname+" handler", out)
				if !strings.Contains(out, "xxxxx") || !strings.Contains(out, cfg.User) {
					t.Errorf("%s handler output lacks the user or the redacted password: %s", hname, out)
				}
			}
		})
	}
}

// TestS10_BadDSNErrors feeds malformed DSNs that hold the canary password to
// ParseDSN: the error must never contain it (nor the DSN).
func TestS10_BadDSNErrors(t *testing.T) {
	bad := []string{
		"root:" + canary + "@tcp(h:99999)/db",
		"root:" + canary + "@tcp(h:port)/db",
		"root:" + canary + "@tcp(h/db",
		"root:" + canary + "@tcp(h)",
		"root:" + canary + "@bogus(h)/db",
		"root:" + canary + "@tcp([::1)/db",
		"root:" + canary + "@tcp(bad host)/db",
		"root:" + canary + "@/db%zz",
		"root:" + canary + "@/db?timeout=never",
		"root:" + canary + "@/db?tls=" + canary,
		"root:" + canary + "@/db?" + canary + "=1",
		"root:" + canary + "@/db?x=1&allowAllFiles=true",
		"root:" + canary + "@/db?ssl-key=/k.pem",
		"root:" + canary + "/db",
		canary + "/db",
		"root@" + canary + "/db",
		"mysql://root:" + canary + "@h:bad/db",
		"mysql://root:" + canary + "/x@h/db",
		"mysql://root:" + canary + "%zz@h/db",
		"mysql://root:" + canary + "@[::1/db",
		"mysql://root:" + canary + "@h/db?compress=maybe",
		"mysql://root:" + canary + "@h/db?socket=/s",
		"mariadb://root:pw-CAN%41RY@h:0/db",
	}
	for _, dsn := range bad {
		_, err := aiomysql.ParseDSN(dsn)
		if err == nil {
			t.Errorf("ParseDSN accepted a bad DSN")
			continue
		}
		for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			requireNoCanary(t, "error of a bad DSN", text)
			if strings.Contains(text, dsn) {
				t.Errorf("error contains the DSN: %s", text)
			}
		}
	}
}

// TestS10_OtherErrors checks the errors of Connect for a Config it refuses
// before dialing (a bad field, an unreadable CA file) and of option files,
// all for a Config holding the canary.
func TestS10_OtherErrors(t *testing.T) {
	dir := t.TempDir()
	refused := map[string]*aiomysql.Config{
		"bad port": config(func(c *aiomysql.Config) { c.Password, c.Port = canary, -1 }),
		"missing CA file": config(func(c *aiomysql.Config) {
			c.Password, c.TLSMode, c.SSLCA = canary, aiomysql.TLSVerifyCA, filepath.Join(dir, "missing.pem")
		}),
	}
	for name, cfg := range refused {
		_, err := aiomysql.Connect(context.Background(), cfg)
		var ce *aiomysql.ConfigError
		if !errors.As(err, &ce) {
			t.Errorf("%s: Connect = %v, want a *ConfigError", name, err)
			continue
		}
		requireNoCanary(t, name+" error", fmt.Sprintf("%v %+v %#v", err, err, err))
	}
	files := map[string]string{
		"unterminated.cnf": "[client]\npassword='" + canary + "\n",
		"garbage.cnf":      "[client]\npassword=\"" + canary + "\" trailing\n",
		"port.cnf":         "[client]\nport=" + canary + "\n",
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		err := aiomysql.NewConfig().ApplyOptionFile(path, "")
		if err == nil {
			t.Errorf("%s: ApplyOptionFile accepted it", name)
			continue
		}
		requireNoCanary(t, name+" error", fmt.Sprintf("%v %+v", err, err))
	}
}
