package mysqltest

import "syscall"

// sysProcAttr makes the server die with the test process, so that a crashed
// test binary leaves no server running.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
