package mysqltest

import "syscall"

// sysProcAttr makes the server die with the test process, so that a crashed
// test binary leaves no server running; cred, when not nil, is the user it
// starts as (the parent-death signal is set after the switch, which would
// clear it).
func sysProcAttr(cred *syscall.Credential) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Credential: cred}
}
