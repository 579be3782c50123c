package types

import (
	"testing"
	"time"
)

// TestDaysSinceEpochMatchesTimeDate checks the shortcut against the
// standard library for every day of years 0-9999.
func TestDaysSinceEpochMatchesTimeDate(t *testing.T) {
	day := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	n := 0
	for day.Year() <= 9999 {
		want := day.Unix() / 86400 // exact: midnight UTC
		if got := daysSinceEpoch(day.Year(), int(day.Month()), day.Day()); got != want {
			t.Fatalf("%v: %d, want %d", day, got, want)
		}
		day = day.AddDate(0, 0, 1)
		n++
	}
	if n != 3652425 {
		t.Fatalf("checked %d days", n)
	}
}
