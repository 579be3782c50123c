module github.com/aiomysql-go/aiomysql

go 1.26

require (
	filippo.io/edwards25519 v1.2.0
	go.uber.org/goleak v1.3.0
)
