package types_test

import (
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
)

func TestAppendLiteralTimeTruncate(t *testing.T) {
	in := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	for _, tc := range []struct {
		truncate time.Duration
		want     string
	}{
		{0, "'2024-05-06 07:08:09.123456'"},
		{-time.Second, "'2024-05-06 07:08:09.123456'"},
		{time.Millisecond, "'2024-05-06 07:08:09.123'"},
		{time.Second, "'2024-05-06 07:08:09'"},
		{time.Hour, "'2024-05-06 07:00:00'"},
	} {
		got, err := types.AppendLiteral(nil, in, &types.LiteralOptions{TimeTruncate: tc.truncate})
		if err != nil || string(got) != tc.want {
			t.Errorf("TimeTruncate %v: %s, %v; want %s", tc.truncate, got, err, tc.want)
		}
	}
	got, err := types.AppendLiteral(nil, time.Time{}, &types.LiteralOptions{TimeTruncate: time.Hour})
	if err != nil || string(got) != "'0000-00-00 00:00:00'" {
		t.Errorf("zero time: %s, %v", got, err)
	}
}
