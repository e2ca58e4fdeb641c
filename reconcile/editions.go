package reconcile

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strings"

	"github.com/sendrecon/sendrecon/normalize"
)

// Edition is one document's content as published, with every copy of it in
// the batch: its web page, each PDF printing of it, a file saved twice.
// Links, coverage and conflicts are proposed once per edition, on its
// representative copy; a reviewer's decision on a link naming any copy's
// items holds for the edition.
type Edition struct {
	ID string
	// Representative is the doc_id of the copy whose items stand for the
	// edition: of the copies read into nearly the most items, the source's
	// own structure (HTML, text) before a printing of it.
	Representative string
	// Copies are the doc_ids of every copy, the representative first.
	Copies    []string
	LocalArea string
	Title     string
	// Versions lists the other editions of the same title in the area: two
	// versions of one plan (statuses or dates moved on), which `diff`
	// compares and which are linked separately.
	Versions []string
}

// EditionID names the edition whose representative is doc: stable for the
// same bytes, so adding another printing of a plan does not rename it.
func EditionID(doc normalize.Document) string {
	h := sha256.New()
	h.Write([]byte("edition\x00"))
	if doc.SHA256 != "" {
		h.Write([]byte(doc.SHA256))
	} else {
		h.Write([]byte(doc.ID))
	}
	return "ed-" + hex.EncodeToString(h.Sum(nil))[:16]
}

// minCopyItems is the fewest aligned items that make two documents copies.
const minCopyItems = 3

// repShare is the least share of the most items any copy of an edition was
// read into that its representative must have.
const repShare = 0.9

// hasMembers reports whether another document is already grouped under i.
func hasMembers(parent []int, i int, find func(int) int) bool {
	for j := range parent {
		if j != i && find(j) == i {
			return true
		}
	}
	return false
}

// editionSet is the editions of one block, with each copy's items aligned
// to its representative's.
type editionSet struct {
	editions []Edition
	// rep maps every doc_id to its edition's representative doc_id.
	rep map[string]string
	// alias maps an item of a non-representative copy to the item of the
	// representative it is aligned with.
	alias map[string]string
}

// editions groups the documents of one area into editions: documents with
// identical bytes, or of one title with at least opts.EditionShare of the
// smaller copy's items aligned; then each document of a title no other
// shares joins the edition it aligns with best (opts.EditionShareOtherTitle
// of the larger copy's items). Aligned copies whose statuses, due dates or
// own dates disagree (opts.VersionShare) are versions, not copies.
func editions(docs []*normalize.Document, items map[string][]*normalize.Item, opts Options) editionSet {
	slices.SortFunc(docs, func(a, b *normalize.Document) int { return cmp.Compare(a.ID, b.ID) })
	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int) {
		ri, rj := find(i), find(j)
		if ri != rj {
			parent[max(ri, rj)] = min(ri, rj)
		}
	}
	al := newAligner(docs, items)
	versionPair := map[[2]int]bool{}
	// copies reports whether a and b align as copies, at least share of
	// the items of the one with fewer (min) or more (max) aligned.
	copies := func(i, j int, share float64, ofMax bool) (float64, bool) {
		a, b := docs[i], docs[j]
		na, nb := len(items[a.ID]), len(items[b.ID])
		n := min(na, nb)
		if ofMax {
			n = max(na, nb)
		}
		if n == 0 || share <= 0 || a.LocalArea != b.LocalArea {
			return 0, false
		}
		pairs := al.align(i, j)
		// Fewer than three items in common is too little to call two
		// documents one: a strategy may restate a plan's action.
		got := float64(len(pairs)) / float64(n)
		if len(pairs) < minCopyItems || got < share {
			return got, false
		}
		if differ(pairs, opts) || !a.Date.IsZero() && !b.Date.IsZero() && !a.Date.Time.Equal(b.Date.Time) {
			versionPair[[2]int{min(i, j), max(i, j)}] = true
			return got, false
		}
		return got, true
	}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			a, b := docs[i], docs[j]
			if a.SHA256 != "" && a.SHA256 == b.SHA256 {
				union(i, j)
				continue
			}
			if a.Title == "" || fold(a.Title) != fold(b.Title) {
				continue
			}
			if _, ok := copies(i, j, opts.EditionShare, false); ok {
				union(i, j)
			}
		}
	}
	// A printing may lose its title to a running header ("OFFICIAL", the
	// council's name, which other printings may share): a document no
	// other joined so far joins the edition whose copies it aligns with best, as a share of the larger
	// of each two, so a plan quoting an inspection's findings is not
	// taken for a copy of the inspection letter.
	for i := range docs {
		if find(i) != i || hasMembers(parent, i, find) {
			continue
		}
		bestRoot, best, bestMean := -1, 0.0, 0.0
		// Only documents sharing an item's kind and key or text with
		// it can align with it at all; the rest give a share of 0.
		sharing := al.sharing(i)
		members := map[int][]int{}
		size := map[int]int{}
		for j := range docs {
			if j != i {
				size[find(j)]++
				if sharing[j] {
					members[find(j)] = append(members[find(j)], j)
				}
			}
		}
		for _, r := range slices.Sorted(maps.Keys(members)) {
			top, sum, ok := 0.0, 0.0, false
			for _, j := range members[r] {
				got, isCopy := copies(i, j, opts.EditionShareOtherTitle, true)
				sum += got
				if isCopy {
					ok = true
					top = max(top, got)
				}
			}
			mean := sum / float64(size[r])
			if ok && (top > best || top == best && mean > bestMean) {
				bestRoot, best, bestMean = r, top, mean
			}
		}
		if bestRoot >= 0 {
			union(i, bestRoot)
		}
	}
	groups := map[int][]*normalize.Document{}
	var roots []int
	for i, d := range docs {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], d)
	}
	set := editionSet{rep: map[string]string{}, alias: map[string]string{}}
	edOf := map[int]int{}
	for _, r := range roots {
		copies := groups[r]
		most := 0
		for _, c := range copies {
			most = max(most, len(items[c.ID]))
		}
		// A copy read into clearly fewer items than the best (a lost
		// table) cannot stand for the edition; among the rest the source's
		// own structure wins over a printing that split an item in two.
		short := func(d *normalize.Document) int {
			if float64(len(items[d.ID])) < repShare*float64(most) {
				return 1
			}
			return 0
		}
		slices.SortFunc(copies, func(a, b *normalize.Document) int {
			return cmp.Or(
				cmp.Compare(short(a), short(b)),
				cmp.Compare(rankFormat(a), rankFormat(b)),
				cmp.Compare(len(items[b.ID]), len(items[a.ID])),
				cmp.Compare(rankStatus(a), rankStatus(b)),
				cmp.Compare(a.ID, b.ID))
		})
		rep := copies[0]
		e := Edition{ID: EditionID(*rep), Representative: rep.ID, LocalArea: rep.LocalArea, Title: rep.Title}
		for _, c := range copies {
			e.Copies = append(e.Copies, c.ID)
			set.rep[c.ID] = rep.ID
			if c != rep {
				for _, p := range al.align(al.index[c.ID], al.index[rep.ID]) {
					set.alias[p[0].ID] = p[1].ID
				}
			}
		}
		edOf[r] = len(set.editions)
		set.editions = append(set.editions, e)
	}
	for k := range versionPair {
		x, y := edOf[find(k[0])], edOf[find(k[1])]
		if x == y {
			continue
		}
		ex, ey := &set.editions[x], &set.editions[y]
		if !slices.Contains(ex.Versions, ey.ID) {
			ex.Versions = append(ex.Versions, ey.ID)
			ey.Versions = append(ey.Versions, ex.ID)
		}
	}
	for i := range set.editions {
		slices.Sort(set.editions[i].Versions)
	}
	return set
}

// rankFormat puts the source's own structure (HTML, text, markdown) before
// a printing of it: a PDF is a rendering of the page, read back.
func rankFormat(d *normalize.Document) int {
	if d.Format == "pdf" {
		return 1
	}
	return 0
}

func rankStatus(d *normalize.Document) int {
	switch d.Status {
	case normalize.StatusOK, "":
		return 0
	case normalize.StatusPartial:
		return 1
	}
	return 2
}

// aligner pairs the items of two copies: the same kind and key with text
// that agrees (sameWords), or, for an item without a key, the same kind and
// text; each item is used once. What it compares of each item is folded
// once per area: editions align every two documents of one title.
type aligner struct {
	docs  [][]*alignItem
	index map[string]int
	// byKey and byText index each document's items by kind and folded
	// key, and by kind and folded text.
	byKey, byText []map[string][]*alignItem
	stamp         int
}

type alignItem struct {
	it        *normalize.Item
	key, text string // kind and folded key ("" without a key), kind and folded text
	hasText   bool
	nWords    int      // words of the folded text
	words     []string // its distinct words, sorted
	used      int      // the align call that used it
}

func newAligner(docs []*normalize.Document, items map[string][]*normalize.Item) *aligner {
	al := &aligner{index: map[string]int{}}
	for i, d := range docs {
		al.index[d.ID] = i
		var xs []*alignItem
		byKey, byText := map[string][]*alignItem{}, map[string][]*alignItem{}
		for _, it := range items[d.ID] {
			ft := foldText(it.Text)
			w := strings.Fields(ft)
			x := &alignItem{it: it, text: string(it.Kind) + "\x00" + ft, hasText: ft != "", nWords: len(w)}
			x.words = slices.Compact(slices.Sorted(slices.Values(w)))
			if it.Key != "" {
				x.key = string(it.Kind) + "\x00" + fold(it.Key)
				byKey[x.key] = append(byKey[x.key], x)
			}
			byText[x.text] = append(byText[x.text], x)
			xs = append(xs, x)
		}
		al.docs = append(al.docs, xs)
		al.byKey, al.byText = append(al.byKey, byKey), append(al.byText, byText)
	}
	return al
}

// align pairs the items of documents i and j.
func (al *aligner) align(i, j int) [][2]*normalize.Item {
	al.stamp++
	var out [][2]*normalize.Item
	for _, x := range al.docs[i] {
		var match *alignItem
		if x.key != "" {
			for _, y := range al.byKey[j][x.key] {
				if y.used != al.stamp && sameWords(x, y) {
					match = y
					break
				}
			}
		}
		if match == nil && x.hasText {
			for _, y := range al.byText[j][x.text] {
				if y.used != al.stamp {
					match = y
					break
				}
			}
		}
		if match != nil {
			match.used = al.stamp
			out = append(out, [2]*normalize.Item{x.it, match.it})
		}
	}
	return out
}

// sharing marks the documents holding an item of document i's kind and
// key, or kind and text: the only ones align can pair any item of i with.
func (al *aligner) sharing(i int) []bool {
	out := make([]bool, len(al.docs))
	for j := range al.docs {
		if j == i {
			continue
		}
		for _, x := range al.docs[i] {
			if x.key != "" && len(al.byKey[j][x.key]) > 0 || x.hasText && len(al.byText[j][x.text]) > 0 {
				out[j] = true
				break
			}
		}
	}
	return out
}

// foldText is text compared across copies: letters and digits only, so a
// printing's hyphenation, bullets and line breaks do not matter.
func foldText(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > 127)
	}), " ")
}

// sameWords reports whether two copies of one item say the same: at least
// half their words in common (a printing may cut or join a line).
func sameWords(a, b *alignItem) bool {
	if a.nWords == 0 || b.nWords == 0 {
		return a.nWords == b.nWords
	}
	n, i, j := 0, 0, 0
	for i < len(a.words) && j < len(b.words) {
		switch c := strings.Compare(a.words[i], b.words[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			n++
			i, j = i+1, j+1
		}
	}
	union := len(a.words) + len(b.words) - n
	return float64(n) >= 0.5*float64(union)
}

// differ reports whether aligned items disagree on status or due date in
// more than opts.VersionShare of the pairs where both give one (and at
// least twice): the plan has moved on, so these are two versions.
func differ(pairs [][2]*normalize.Item, opts Options) bool {
	compared, diff := 0, 0
	for _, p := range pairs {
		a, b := p[0], p[1]
		if a.Status != "" && b.Status != "" {
			compared++
			if statusOf(a) != statusOf(b) {
				diff++
			}
		}
		if !a.Due.IsZero() && !b.Due.IsZero() {
			compared++
			if !sameDay(a.Due, b.Due) {
				diff++
			}
		}
	}
	return diff >= 2 && float64(diff) > opts.VersionShare*float64(compared)
}
