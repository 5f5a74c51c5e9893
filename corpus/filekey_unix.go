//go:build unix

package corpus

import (
	"io/fs"
	"syscall"
)

// fileKey identifies a file or folder whatever the path it is reached by.
type fileKey struct{ dev, ino uint64 }

func keyOf(info fs.FileInfo) (fileKey, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileKey{}, false
	}
	return fileKey{uint64(st.Dev), uint64(st.Ino)}, true
}
