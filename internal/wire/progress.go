package wire

// ProgressReport is MariaDB's progress report for a long command such as
// ALTER TABLE, sent (only with MariaDBClientProgress) as an ERR packet with
// code 0xFFFF before the command's real reply. It is not an error: the
// client reads on.
//
// Layout, as MariaDB servers send it: 0xFF, 0xFFFF, a count of strings
// (always 1; MariaDB's documentation omits this byte), the stage, the number
// of stages, the progress within the stage (3 bytes, in thousandths of a
// percent) and a length-encoded stage name.
type ProgressReport struct {
	Stage    byte   // the current stage, from 1
	MaxStage byte   // the number of stages
	Progress uint32 // progress within the stage, 0 to 100000 (thousandths of a percent)
	Info     string // the stage's name, e.g. "copy to tmp table"
}

// IsProgressReport reports whether pkt is a progress report: an ERR packet
// with code 0xFFFF on a connection that negotiated MariaDBClientProgress.
func IsProgressReport(pkt []byte, caps Capability) bool {
	return caps&MariaDBClientProgress != 0 && len(pkt) >= 3 &&
		pkt[0] == errHeader && pkt[1] == 0xFF && pkt[2] == 0xFF
}

// Decode parses a progress report.
func (p *ProgressReport) Decode(src []byte) error {
	c := newCursor("progress report", src)
	if h := c.u8("header"); c.err == nil && h != errHeader {
		return malformed(c.pkt, "header 0x%02x, want 0xff", h)
	}
	if code := c.u16("code"); c.err == nil && code != progressCode {
		return malformed(c.pkt, "code %d, want 0xffff", code)
	}
	c.u8("string count")
	var v ProgressReport
	v.Stage = c.u8("stage")
	v.MaxStage = c.u8("max stage")
	v.Progress = c.u24("progress")
	v.Info = c.lenStr("stage name")
	if err := c.finish(); err != nil {
		return err
	}
	*p = v
	return nil
}

// Encode appends the progress report. Progress must fit in 3 bytes.
func (p ProgressReport) Encode(dst []byte) ([]byte, error) {
	if p.Progress >= 1<<24 {
		return dst, encodeError("progress report", "progress %d does not fit in 3 bytes", p.Progress)
	}
	dst = append(dst, errHeader, 0xFF, 0xFF, 1, p.Stage, p.MaxStage,
		byte(p.Progress), byte(p.Progress>>8), byte(p.Progress>>16))
	return AppendLenEncStr(dst, p.Info), nil
}
