package errcode_test

import (
	"fmt"

	"github.com/aiomysql-go/aiomysql/errcode"
)

func ExampleName() {
	fmt.Println(errcode.Name(1062), errcode.Name(errcode.LockDeadlock))
	fmt.Printf("%q\n", errcode.Name(42))
	// Output:
	// ER_DUP_ENTRY ER_LOCK_DEADLOCK
	// ""
}

func ExampleSQLState() {
	fmt.Println(errcode.SQLState(errcode.DupEntry) == errcode.SQLStateIntegrityConstraint)
	fmt.Println(errcode.SQLState(errcode.NoSuchTable))
	fmt.Println(errcode.SQLState(errcode.LockWaitTimeout))
	// Output:
	// true
	// 42S02
	// HY000
}
