module github.com/aiomysql-go/aiomysql/extra/aiobob

go 1.26.0

require (
	github.com/aarondl/opt v0.0.0-20250607033636-982744e1bd65
	github.com/aiomysql-go/aiomysql v0.0.0-00010101000000-000000000000
	github.com/stephenafamo/bob v0.41.1
	github.com/stephenafamo/scan v0.7.0
	go.uber.org/goleak v1.3.0
)

require (
	filippo.io/edwards25519 v1.2.0 // indirect
	github.com/qdm12/reprint v0.0.0-20200326205758-722754a53494 // indirect
)

replace github.com/aiomysql-go/aiomysql => ../../
