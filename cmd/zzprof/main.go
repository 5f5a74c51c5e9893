package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/dedup"
)

func main() {
	f, _ := os.Create(os.Args[2])
	pprof.StartCPUProfile(f)
	defer pprof.StopCPUProfile()
	t := time.Now()
	d, _ := dedup.New(dedup.Options{})
	corpus.Walk([]string{os.Args[1]}, nil, corpus.Options{Format: corpus.FormatJSONL}, func(doc corpus.Document) error { d.Add(doc); return nil }, nil)
	t1 := time.Since(t)
	res, _ := d.Decide()
	fmt.Println(t1, time.Since(t), res.Clusters)
}
