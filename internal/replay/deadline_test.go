package replay_test

import "time"

// deadline is any non-zero time: a replayed Conn only notes that one is set.
var deadline = time.Unix(1, 0)
