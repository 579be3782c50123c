module github.com/aiomysql-go/aiomysql/examples/sa

go 1.26.0

require (
	github.com/Masterminds/squirrel v1.5.4
	github.com/aiomysql-go/aiomysql v0.0.0-00010101000000-000000000000
)

require (
	filippo.io/edwards25519 v1.2.0 // indirect
	github.com/lann/builder v0.0.0-20180802200727-47ae307949d0 // indirect
	github.com/lann/ps v0.0.0-20150810152359-62de8c46ede0 // indirect
)

replace github.com/aiomysql-go/aiomysql => ../..
