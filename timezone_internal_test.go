package aiomysql

import (
	"testing"
	"time"
)

func TestSessionLocation(t *testing.T) {
	for _, tc := range []struct {
		zone   string
		name   string // the Location's name; "" for nil
		offset int    // seconds east of UTC on 2024-01-15
	}{
		{"", "", 0},
		{"SYSTEM", "", 0},
		{"system", "", 0},
		{"+05:30", "+05:30", 19800},
		{"-08:00", "-08:00", -28800},
		{"+5:00", "+5:00", 18000},
		{"+00:00", "+00:00", 0},
		{"-12:59", "-12:59", -(12*3600 + 59*60)},
		{"Europe/Paris", "Europe/Paris", 3600},
		{"europe/paris", "Europe/Paris", 3600},
		{"AMERICA/NEW_YORK", "America/New_York", -18000},
		{"utc", "UTC", 0},
		{"No/Such_Zone", "", 0},
		{"+5", "", 0},
		{"+05:3", "", 0},
		{"+05:60", "", 0},
		{"++5:00", "", 0},
		{"+-5:00", "", 0},
		{"+15:00", "", 0},
		{"+05:-1", "", 0},
	} {
		loc := sessionLocation(tc.zone)
		switch {
		case tc.name == "" && loc != nil:
			t.Errorf("%q: %v, want nil", tc.zone, loc)
		case tc.name != "" && loc == nil:
			t.Errorf("%q: nil, want %s", tc.zone, tc.name)
		case loc != nil:
			_, off := time.Date(2024, 1, 15, 12, 0, 0, 0, loc).Zone()
			if loc.String() != tc.name || off != tc.offset {
				t.Errorf("%q: %s at offset %d, want %s at %d", tc.zone, loc, off, tc.name, tc.offset)
			}
		}
	}
}
