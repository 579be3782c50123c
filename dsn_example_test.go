package aiomysql_test

import (
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

func ExampleParseDSN() {
	cfg, err := aiomysql.ParseDSN("app:s3cret@tcp(db.example.com:3307)/shop?tls=verify-identity&timeout=5s&time_zone=%27%2B00%3A00%27")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cfg.Network(), cfg.Addr(), cfg.User, cfg.Database)
	fmt.Println(cfg.TLSMode, cfg.ConnectTimeout, cfg.TimeZone)
	// Output:
	// tcp db.example.com:3307 app shop
	// verify-identity 5s +00:00
}

func ExampleParseDSN_url() {
	cfg, err := aiomysql.ParseDSN("mariadb://app:p%40ss@/shop?socket=/run/mysqld/mysqld.sock&cursorclass=DictCursor")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cfg.Network(), cfg.Addr(), cfg.DefaultCursor)
	fmt.Println(cfg) // the password is never printed
	// Output:
	// unix /run/mysqld/mysqld.sock dict
	// app:xxxxx@unix(/run/mysqld/mysqld.sock)/shop?cursorclass=dict
}

func ExampleConfig_FormatDSN() {
	cfg := aiomysql.NewConfig()
	cfg.User, cfg.Password, cfg.Host, cfg.Database = "app", "s3cret", "db.example.com", "shop"
	cfg.TLSMode = aiomysql.TLSVerifyCA
	cfg.SSLCA = "/etc/mysql/ca.pem"
	cfg.ReadTimeout = 30 * time.Second
	cfg.Params = map[string]string{"wait_timeout": "600"}
	fmt.Println(cfg.FormatDSN())
	// Output:
	// app:s3cret@tcp(db.example.com:3306)/shop?readTimeout=30s&ssl_ca=%2Fetc%2Fmysql%2Fca.pem&tls=verify-ca&wait_timeout=600
}

func ExampleConfig_LogValue() {
	cfg := aiomysql.NewConfig()
	cfg.User, cfg.Password = "app", "s3cret"
	log := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	log.Info("connecting", "cfg", cfg)
	// Output:
	// level=INFO msg=connecting cfg.user=app cfg.password=xxxxx cfg.net=tcp cfg.addr=127.0.0.1:3306 cfg.database="" cfg.tls=preferred
}

func ExampleConfig_ApplyOptionFile() {
	cfg := aiomysql.NewConfig()
	cfg.Database = "reports" // set fields are kept
	if err := cfg.ApplyOptionFile("testdata/dsn/client.cnf", "client"); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cfg)
	// Output:
	// app:xxxxx@tcp(db.example.com:3307)/reports?charset=latin1&init_command=SET+%40from_file+%3D+1&local_infile=true&maxAllowedPacket=16777216&ssl_ca=%2Fetc%2Fmysql%2Fca.pem&timeout=5s&tls=verify-identity
}
