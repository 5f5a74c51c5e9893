// Package corpus reads news documents from files, folders, standard input
// and JSONL/CSV streams, and splits their text into paragraphs.
//
// A Document is one article: an id, the source (outlet) that published it,
// optional metadata, and its text. Readers stream: they call a function for
// each document as it is decoded, so a JSONL file of millions of records is
// never held in memory by this package.
//
// Formats are chosen by file extension (.txt, .md, .html, .htm, .jsonl,
// .ndjson, .csv, each optionally .gz) or forced with Options.Format;
// standard input is sniffed. Text, Markdown and HTML files make one
// document each, with the path as id: Markdown loses its markup but keeps
// its paragraphs, and HTML is reduced to the article's main text by
// go-readability, then rendered with a blank line between blocks. JSONL
// and CSV streams make one document per line or record, from the fields
// id, text, and optionally source, date, lang, url and title.
//
// A document's source is its record's source field, else the host of its
// url, else the name of the folder holding the file, else the file name
// (Options.SourceFrom picks one rule). Its text is kept as written but for
// \r\n line ends, which become \n.
//
// Bytes become text by a byte order mark, else Options.Encoding, else an
// HTML page's <meta charset>, else as UTF-8 with any byte that is not UTF-8
// read as windows-1252 (encoding.go has the rules): nothing is dropped or
// replaced, and a guess is noted.
//
// Input is untrusted and often messy, so problems with one record or file
// (malformed JSON, a missing id, a ragged CSV row, a NUL byte, a binary or
// empty file, a JSONL line or CSV record over Options.MaxRecordBytes) are
// reported to a warn function and skipped, and reading goes on with the
// next record; only a stream that cannot be read further (an I/O error, a
// truncated gzip stream, a whole file over Options.MaxRecordBytes, more
// than Options.MaxInputBytes in all: a gzip bomb) stops Read, after the
// documents before it. Errors name the file and, for line-oriented
// formats, the line (else a byte offset), and they wrap the cause:
// "corpus: news.jsonl line 812: missing id". Notes, passed to warn as an
// *Error with Note set, say how input was read without skipping any: text
// read as windows-1252, a file given twice and read once.
//
// Walk reads every file once (by device and inode), does not follow
// symbolic links to folders met inside a folder, and skips named pipes,
// sockets and devices found in folders, naming each.
package corpus

import (
	"fmt"
	"time"
)

// Document is one article.
type Document struct {
	ID     string    // the record's id field, else the path as given
	Source string    // outlet that published it; see SourceFrom
	Date   time.Time // publication date; zero when unknown
	Lang   string    // language tag as given by the record (e.g. "en"); may be empty
	URL    string
	Title  string
	Text   string // plain text; paragraphs separated by blank lines or line breaks

	Path string // file the document was read from ("-" for standard input)
	Line int    // 1-based line (JSONL) or record (CSV) in Path; 0 for whole-file formats
}

func (d Document) String() string {
	return fmt.Sprintf("%s (%s, %d bytes)", d.ID, d.Source, len(d.Text))
}
