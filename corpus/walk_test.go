package corpus

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree creates files (path -> content) under a new temporary folder
// and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// walk runs Walk and returns the documents as "id (source)" with root
// trimmed from paths, and the warnings.
func walk(t *testing.T, root string, paths []string, stdin string, opts Options) (docs, warns []string, err error) {
	t.Helper()
	clean := func(s string) string {
		return strings.ReplaceAll(s, root+string(filepath.Separator), "")
	}
	var in io.Reader // nil: no standard input
	if stdin != "" {
		in = strings.NewReader(stdin)
	}
	err = Walk(paths, in, opts, func(d Document) error {
		docs = append(docs, clean(d.ID)+" ("+d.Source+")")
		return nil
	}, func(err error) {
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("warning %v is not an *Error", err)
		}
		warns = append(warns, clean(err.Error()))
	})
	return docs, warns, err
}

func TestWalk(t *testing.T) {
	root := writeTree(t, map[string]string{
		"b/z.txt":         "z",
		"a/y.md":          "# y",
		"a/x.txt":         "x",
		"a/sub/w.html":    "<p>w</p>",
		"a/.hidden.txt":   "hidden file",
		".git/config.txt": "hidden folder",
		"c.txt":           "bin\x00ary",
		"d.jsonl.gz":      gz(t, `{"id":"d1","text":"t"}`+"\n"+`{"id":"d2","text":"t"}`),
		"empty.txt":       "",
		"notes.docx":      "not a known format",
		"README":          "no extension",
		"feed.gz":         gz(t, "zipped, no extension"),
		"e.csv":           "id,body\n1,t\n",
		"f.ndjson":        "{bad}\n",
		"more/a.json":     `{"id":"a"}`,
		"more/b.json":     `{"id":"b"}`,
		"more/c.xml":      "<x/>",
		"more/d.json":     `{"id":"d"}`,
		"more/k.txt":      "k",
		"more/sub/e.json": `{"id":"e"}`,
		"one/feed.json":   `{"id":"a"}`,
	})
	in := func(names ...string) []string {
		for i, n := range names {
			names[i] = filepath.Join(root, filepath.FromSlash(n))
		}
		return names
	}
	tests := []struct {
		name  string
		paths []string
		stdin string
		opts  Options
		docs  []string
		warns []string
	}{
		{
			name:  "folder in lexical order, hidden and unknown skipped",
			paths: []string{root},
			docs:  []string{"a/sub/w.html (sub)", "a/x.txt (a)", "a/y.md (a)", "b/z.txt (b)", "d1 (" + filepath.Base(root) + ")", "d2 (" + filepath.Base(root) + ")", "more/k.txt (more)"},
			warns: []string{
				"corpus: c.txt: binary file (NUL byte at offset 3)",
				`corpus: e.csv line 1: header has no "text" column`,
				"corpus: empty.txt: empty file",
				"corpus: f.ndjson line 1: malformed JSON: invalid character 'b' looking for beginning of object key string",
				"corpus: " + root + ": note: skipped 9 files of unknown type: README, feed.gz, more/a.json and 6 more",
			},
		},
		{
			name:  "unknown files named with the first few and a count",
			paths: in("more"),
			docs:  []string{"more/k.txt (more)"},
			warns: []string{"corpus: more: note: skipped 5 files of unknown type: a.json, b.json, c.xml and 2 more"},
		},
		{
			name:  "one unknown file",
			paths: in("a", "one"),
			docs:  []string{"a/sub/w.html (sub)", "a/x.txt (a)", "a/y.md (a)"},
			warns: []string{"corpus: one: note: skipped 1 file of unknown type: feed.json"},
		},
		{
			name:  "only some formats: others skipped and named, never read as another",
			paths: append(in("README"), root),
			opts:  Options{Formats: []Format{FormatJSONL}},
			docs:  []string{"d1 (" + filepath.Base(root) + ")", "d2 (" + filepath.Base(root) + ")"},
			warns: []string{
				"corpus: README line 1: not a JSON object",
				"corpus: f.ndjson line 1: malformed JSON: invalid character 'b' looking for beginning of object key string",
				"corpus: " + root + ": note: skipped 17 files not of type jsonl: README, a/sub/w.html, a/x.txt and 14 more",
			},
		},
		{
			name:  "files and folders in the order given",
			paths: in("b", "a/x.txt", "a/sub"),
			docs:  []string{"b/z.txt (b)", "a/x.txt (a)", "a/sub/w.html (sub)"},
		},
		{
			name:  "hidden files named explicitly are read",
			paths: in("a/.hidden.txt", ".git"),
			docs:  []string{"a/.hidden.txt (a)", ".git/config.txt (.git)"},
		},
		{
			name:  "unknown formats named explicitly",
			paths: in("notes.docx", "README", "feed.gz", "a/x.txt"),
			docs:  []string{"a/x.txt (a)"},
			warns: []string{
				`corpus: notes.docx: unknown format ".docx"`,
				"corpus: README: unknown format: no file extension",
				`corpus: feed.gz: unknown format: no file extension before ".gz"`,
			},
		},
		{
			name:  "missing path",
			paths: in("nope.txt", "a/x.txt"),
			docs:  []string{"a/x.txt (a)"},
			warns: []string{"corpus: nope.txt: no such file or directory"},
		},
		{
			name:  "forced format reads every file",
			paths: in("README", "notes.docx"),
			opts:  Options{Format: FormatText},
			docs:  []string{"README (" + filepath.Base(root) + ")", "notes.docx (" + filepath.Base(root) + ")"},
		},
		{
			name:  "forced format in a folder",
			paths: in("b", "a/sub"),
			opts:  Options{Format: FormatText},
			docs:  []string{"b/z.txt (b)", "a/sub/w.html (sub)"},
		},
		{
			name:  "stdin",
			paths: []string{"-", filepath.Join(root, "b")},
			stdin: `{"id":"s1","text":"t"}`,
			docs:  []string{"s1 (stdin)", "b/z.txt (b)"},
		},
		{
			name:  "stdin twice",
			paths: []string{"-", "-"},
			stdin: "text",
			docs:  []string{"- (stdin)"},
			warns: []string{"corpus: stdin: note: standard input given twice, read once"},
		},
		{
			name:  "no stdin",
			paths: []string{"-"},
			warns: []string{"corpus: stdin: no standard input"},
		},
		{
			name:  "renamed text field",
			paths: in("e.csv"),
			opts:  Options{TextField: "body"},
			docs:  []string{"1 (" + filepath.Base(root) + ")"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, warns, err := walk(t, root, tt.paths, tt.stdin, tt.opts)
			if err != nil {
				t.Fatalf("Walk: %v", err)
			}
			equalLists(t, "documents", docs, tt.docs)
			equalLists(t, "warnings", warns, tt.warns)
		})
	}
}

func TestWalkStopsOnCallbackError(t *testing.T) {
	root := writeTree(t, map[string]string{"a.txt": "a", "b.txt": "b", "c.jsonl": `{"id":"1","text":"t"}`})
	var ids []string
	err := Walk([]string{root}, nil, Options{}, func(d Document) error {
		ids = append(ids, filepath.Base(d.ID))
		if len(ids) == 2 {
			return errBoom
		}
		return nil
	}, func(err error) { t.Errorf("warning: %v", err) })
	if err != errBoom {
		t.Errorf("Walk returned %v, want fn's error", err)
	}
	equalLists(t, "documents", ids, []string{"a.txt", "b.txt"})
}

func TestWalkBadOptions(t *testing.T) {
	err := Walk([]string{"x"}, nil, Options{Format: "doc"}, func(Document) error { return nil }, nil)
	if err == nil || err.Error() != `corpus: unknown input format "doc"` {
		t.Errorf("Walk: %v", err)
	}
}

func TestWalkUnreadable(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("running as root: chmod 000 does not stop reads")
	}
	root := writeTree(t, map[string]string{"a.txt": "a", "locked/b.txt": "b", "secret.txt": "s", "z.txt": "z"})
	for _, p := range []string{"secret.txt", "locked"} {
		if err := os.Chmod(filepath.Join(root, p), 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(root, p), 0o755) })
	}
	docs, warns, err := walk(t, root, []string{root}, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(root)
	equalLists(t, "documents", docs, []string{"a.txt (" + base + ")", "z.txt (" + base + ")"})
	equalLists(t, "warnings", warns, []string{"corpus: locked: permission denied", "corpus: secret.txt: permission denied"})
}

func TestWalkSymlinks(t *testing.T) {
	root := writeTree(t, map[string]string{"real/a.txt": "a", "other/b.txt": "b"})
	if err := os.Symlink(filepath.Join(root, "real"), filepath.Join(root, "link")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := os.Symlink(filepath.Join(root, "other", "b.txt"), filepath.Join(root, "real", "c.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(root, filepath.Join(root, "real", "loop.txt")); err != nil {
		t.Fatal(err)
	}
	docs, warns, err := walk(t, root, []string{filepath.Join(root, "link")}, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The folder given as a link is walked; a linked file is read; a
	// link to a folder is not followed, and one to a folder holding more
	// than the walk is a warning: its other files are not read.
	equalLists(t, "documents", docs, []string{"link/a.txt (link)", "link/c.txt (link)"})
	equalLists(t, "warnings", warns, []string{"corpus: link/loop.txt: skipped: symbolic link to a folder outside the walk, not followed (name it to read it)"})
}

// With SplitFlatFolder, a folder that holds every file read gives each
// file its own source (a record's source field still comes first), and
// a note says so; files in several folders keep the folder's name.
func TestWalkFlatFolder(t *testing.T) {
	root := writeTree(t, map[string]string{
		"seeds/a.txt":         "a",
		"seeds/b.md":          "# b",
		"seeds/c.jsonl":       `{"id":"c1","text":"c","source":"reuters"}` + "\n" + `{"id":"c2","text":"c"}` + "\n",
		"seeds/.hidden.txt":   "hidden",
		"seeds/notes.xml":     "<x/>",
		"outlets/ap/x.txt":    "x",
		"outlets/afp/y.txt":   "y",
		"single/only.txt":     "only",
		"two/one.txt":         "1",
		"two/other/three.txt": "3",
	})
	split := Options{SplitFlatFolder: true}
	note := func(n string) string {
		return "corpus: seeds: note: every file is in this one folder, so each file's name is the source of its documents (" + n + " files; --source-from dir makes the folder the source of all)"
	}
	for _, tc := range []struct {
		name  string
		paths []string
		stdin string
		opts  Options
		docs  string
		note  string
	}{
		{"flat folder", []string{"seeds"}, "", split, "seeds/a.txt (a), seeds/b.md (b), c1 (reuters), c2 (c)", note("3")},
		{"flat folder, files named", []string{"seeds/a.txt", "seeds/b.md"}, "", split, "seeds/a.txt (a), seeds/b.md (b)", note("2")},
		{"without SplitFlatFolder", []string{"seeds"}, "", Options{}, "seeds/a.txt (seeds), seeds/b.md (seeds), c1 (reuters), c2 (seeds)", ""},
		{"--source-from dir", []string{"seeds"}, "", Options{SourceFrom: SourceDir, SplitFlatFolder: true}, "seeds/a.txt (seeds), seeds/b.md (seeds), c1 (seeds), c2 (seeds)", ""},
		{"folders of outlets", []string{"outlets"}, "", split, "outlets/afp/y.txt (afp), outlets/ap/x.txt (ap)", ""},
		{"one file", []string{"single"}, "", split, "single/only.txt (single)", ""},
		{"a file in a subfolder", []string{"two"}, "", split, "two/one.txt (two), two/other/three.txt (other)", ""},
		{"standard input besides", []string{"single", "-"}, "text", split, "single/only.txt (single), - (stdin)", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(root)
			docs, warns, err := walk(t, root, tc.paths, tc.stdin, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(docs, ", "); got != tc.docs {
				t.Errorf("documents:\n got %s\nwant %s", got, tc.docs)
			}
			var notes []string
			for _, w := range warns {
				if strings.Contains(w, "one folder") {
					notes = append(notes, w)
				}
			}
			if got := strings.Join(notes, "\n"); got != tc.note {
				t.Errorf("notes:\n got %q\nwant %q", got, tc.note)
			}
		})
	}
}
