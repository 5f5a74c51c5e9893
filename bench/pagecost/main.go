//go:build unix

// Command pagecost measures what reading a random page of a file costs
// when the file is in the OS's file cache: through a memory map, the
// first touch (a page fault) and a second one, and with pread into a
// buffer; and what the first write to a page of new memory costs (a
// page cache filling up). It decided how a check reads the archive
// (archive/sqlite's Lookup): on a virtual machine a page fault can cost
// several times a read.
//
//	pagecost [-n 20000] FILE
//
// Read FILE once first (cat FILE >/dev/null) so that it is in the file
// cache; it should be larger than n pages.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"syscall"
	"time"
)

const page = 4096

func main() {
	n := flag.Int("n", 20000, "pages to read each way")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: pagecost [-n 20000] FILE")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *n); err != nil {
		fmt.Fprintln(os.Stderr, "pagecost:", err)
		os.Exit(1)
	}
}

func run(path string, n int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	pages := fi.Size() / page
	if pages < int64(n) {
		return fmt.Errorf("%s: %d pages, want more than %d", path, pages, n)
	}
	m, err := syscall.Mmap(int(f.Fd()), 0, int(pages*page), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return err
	}
	defer syscall.Munmap(m)
	// Each way reads its own random pages (different seeds), so that the
	// map's first touches and the reads find no page already mapped.
	var sum byte
	touch := func(seed uint64) time.Duration {
		r := rand.New(rand.NewPCG(seed, 0))
		start := time.Now()
		for range n {
			sum += m[r.Int64N(pages)*page+17]
		}
		return time.Since(start) / time.Duration(n)
	}
	first := touch(1)
	second := touch(1)
	buf := make([]byte, page)
	r := rand.New(rand.NewPCG(2, 0))
	start := time.Now()
	for range n {
		if _, err := f.ReadAt(buf, r.Int64N(pages)*page); err != nil {
			return err
		}
		sum += buf[17]
	}
	read := time.Since(start) / time.Duration(n)
	anon, err := syscall.Mmap(-1, 0, n*page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return err
	}
	defer syscall.Munmap(anon)
	start = time.Now()
	for i := range n {
		anon[i*page] = sum
	}
	fresh := time.Since(start) / time.Duration(n)
	fmt.Printf("%d random pages of %s: mapped, first touch %v a page, second %v; pread %v; new memory, first write %v\n",
		n, path, first, second, read, fresh)
	return nil
}
