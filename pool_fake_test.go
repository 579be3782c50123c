package aiomysql_test

import (
	"errors"
	"strconv"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
)

// TestR8_PoolFarewellErr4031: MySQL 8 says goodbye to an idle connection
// with ERR 4031 (sequence 0) and closes it. Idle in a pool, the connection
// is found at checkout and replaced, with no user error; when the farewell
// races a query, that query fails with the server's text, and the pool's
// next query is clean.
func TestR8_PoolFarewellErr4031(t *testing.T) {
	for _, racing := range []bool{false, true} {
		t.Run("racing="+strconv.FormatBool(racing), func(t *testing.T) {
			sent := make(chan struct{})
			cfg := hostileServer(t, farewell4031(racing, sent))
			pc := aiomysql.NewPoolConfig(cfg)
			pc.MaxSize = 1
			ctx := testCtx(t)
			p, err := aiomysql.CreatePool(ctx, pc) // MinSize 1: the scripted connection
			if err != nil {
				t.Fatal(err)
			}
			defer p.Terminate()
			if !racing {
				<-sent
				if _, err := p.Exec(ctx, "DO 1"); err != nil {
					t.Fatalf("query after the farewell: %v, want the connection replaced", err)
				}
				if st := p.Stat(); st.DestroyedDead != 1 || st.NewConnsCount != 2 {
					t.Fatalf("stat %+v: want 1 dead connection replaced", st)
				}
				return
			}
			_, err = p.Exec(ctx, "DO 1")
			var se *aiomysql.Error
			if !errors.As(err, &se) || se.Number != errcode.ClientInteractionTimeout {
				t.Fatalf("racing query: %v, want the server's ERR 4031", err)
			}
			if _, err := p.Exec(ctx, "DO 1"); err != nil {
				t.Fatalf("next pool query: %v", err)
			}
			if st := p.Stat(); st.DestroyedBroken != 1 || st.TotalConns != 1 {
				t.Fatalf("stat %+v: want the broken connection closed and one open", st)
			}
		})
	}
}
