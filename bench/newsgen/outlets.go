package main

import (
	"slices"
	"strconv"
	"strings"
)

// style is how an outlet prints text it publishes.
type style struct {
	curly    bool // typographic quotes instead of straight ones
	dash     int  // 0: em dash, 1: "--", 2: "-"
	uk       bool // British spelling in the copy it reprints
	dateline int  // 0: none, 1: "CITY (Wire Name) — ", 2: "CITY — "
}

// outlet is a news source.
type outlet struct {
	name   string   // display name, for datelines and boilerplate
	slug   string   // the "source" field and host name
	wire   bool     // a news agency that originates copy for others
	style  style    //
	boiler []string // boilerplate paragraphs appended to most documents
}

// The first wireCount names are news agencies.
const wireCount = 4

var outletNames = []string{
	"Meridian Wire", "Continental Press", "Global News Service", "Allied Press Agency",
	"Harbor Gazette", "Riverside Tribune", "Valley Courier", "Northern Echo",
	"Lakeside Herald", "Capital Chronicle", "Coastal Times", "Prairie Ledger",
	"Summit Daily", "Metro Observer", "Bayview Post", "Granite State Register",
	"Highland Record", "Evening Standard Review", "Sunrise Journal", "Westfield Examiner",
	"Pinecrest Sentinel", "Red River Dispatch", "Old Town Bulletin", "Mountain Star",
	"Delta Democrat", "Tri-County Times", "Union Leader Online", "Desert Sun Daily",
	"Cedar Rapids Gazette", "Blue Ridge Citizen", "Ironwood Globe", "Fairview Enterprise",
	"Silver City Press", "Oak Park Messenger", "Southern Cross Weekly", "Eastern Mail",
	"Kingsbridge Courier", "Thames Valley News", "Pacific Daily", "Great Lakes Reporter",
	"Heartland Voice", "Bridgewater Times", "Milltown Monitor", "Clearwater Tribune",
	"Northgate News", "Atlantic Signal", "Frontier Herald", "Crossroads Journal",
	"Liberty Courant", "Seaside Press-Telegram",
}

var boilerTemplates = []string{
	"SHARE: Facebook | X | Email | Print",
	"Sign up for the {name} morning newsletter to get the day's top stories in your inbox at {slug}.example/newsletters",
	"Copyright 2024 {name}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
	"Have a news tip? Email the {name} newsroom at tips@{slug}.example or call us any time.",
	"SHARE THIS STORY: Facebook \u00b7 X \u00b7 LinkedIn \u00b7 WhatsApp",
	"Support local journalism: subscribe to {name} today for unlimited digital access.",
	"Follow {name} on social media for breaking news and updates.",
	"Read more: the latest headlines from {name} at {slug}.example",
}

var (
	// wires and locals are indexes into outlets.
	outlets, wires, locals = newOutlets()
	// localZ is the popularity of locals: a few big outlets, a long tail.
	localZ = newZipf(len(locals), zipfNames, zipfOffset)
)

func newOutlets() (out []outlet, wires, locals []int) {
	out = make([]outlet, len(outletNames))
	for i, name := range outletNames {
		out[i] = newOutlet(i, name)
		if out[i].wire {
			wires = append(wires, i)
		} else {
			locals = append(locals, i)
		}
	}
	return out, wires, locals
}

// newOutlet makes the i-th outlet, named name: its slug, its print style
// and its boilerplate all follow from i and name.
func newOutlet(i int, name string) outlet {
	slug := strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			return r
		case 'A' <= r && r <= 'Z':
			return r - 'A' + 'a'
		}
		return -1
	}, name)
	o := outlet{
		name: name,
		slug: slug,
		wire: i < wireCount,
		style: style{
			curly:    i%3 == 1,
			dash:     i % 3,
			uk:       i%6 == 2 || strings.Contains(name, "Thames") || strings.Contains(name, "Kingsbridge"),
			dateline: i % 3,
		},
	}
	fill := func(t string) string {
		return strings.NewReplacer("{name}", name, "{slug}", slug).Replace(t)
	}
	if o.wire {
		o.boiler = []string{fill(boilerTemplates[2])}
	} else {
		o.boiler = []string{fill(boilerTemplates[i%len(boilerTemplates)])}
		if i%3 == 0 {
			o.boiler = append(o.boiler, fill(boilerTemplates[(i+3)%len(boilerTemplates)]))
		}
	}
	return o
}

// mastheads name the outlets added by moreOutlets: a place and one of these.
var mastheads = []string{"Herald", "Tribune", "Courier", "Gazette", "Times", "Post", "Sentinel", "Ledger"}

// moreOutlets returns the fifty outlets of outletNames followed by local
// outlets named after the places of the text ("Lagos Herald"), n in all:
// -outlets-per-story asks for more outlets than fifty. The added ones are
// not in locals, so the default generator never picks them.
func moreOutlets(n int) []outlet {
	out := slices.Clone(outlets)
	seen := map[string]bool{}
	for _, o := range out {
		seen[o.slug] = true
	}
	places := lines(places)
	for k := 0; len(out) < n; k++ {
		name := places[k%len(places)] + " " + mastheads[k/len(places)%len(mastheads)]
		if k/len(places) >= len(mastheads) {
			name += " " + strconv.Itoa(k/len(places)/len(mastheads)+1)
		}
		o := newOutlet(len(out), name)
		if seen[o.slug] || o.slug == "" {
			continue
		}
		seen[o.slug] = true
		out = append(out, o)
	}
	return out
}
