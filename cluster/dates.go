package cluster

import "time"

// CompareDates orders publication dates as Find does when it picks an
// origin: when either date is a bare day (midnight UTC, as feeds that
// give the day only read), only days are compared, so a timestamp on
// that day ties with it.
func CompareDates(a, b time.Time) int { return compareDates(a, b) }
