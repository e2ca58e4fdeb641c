package reconcile

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// stopWords are words too common in SEND plans to say two statements are
// about the same thing: function words, and the domain's own filler.
var stopWords = setOf(`a about across after all also an and any are as at be been being both but by
can could do does for from had has have how if in into is it its more most
must need needs no not of on or other our out over should so such that the
their them then there these they this those through to under up upon us
was we were what when where which while who will with within would you your
children child young people person families family parents parent carers
carer send sen special educational disabilities disability local area
partnership ensure ensuring improve improved improving develop developing
development support supporting supported work working services service
across including include includes continue continuing all new existing
use using make making leaders provide provided provision` + " cyp")

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// terms folds, splits and stems text into the words that carry meaning.
func terms(text string) []string {
	var out []string
	eachTerm(text, func(term, _ string) { out = append(out, term) })
	return out
}

// eachTerm calls f with each meaningful term of text and the word it was
// stemmed from.
func eachTerm(text string, f func(term, word string)) {
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len(w) < 2 || stopWords[w] {
			continue
		}
		if t := stem(w); !stopWords[t] {
			f(t, w)
		}
	}
}

// wordsOf maps each term of text to the first word it was stemmed from,
// so evidence can quote "coordinated" rather than the stem "coordinat".
func wordsOf(text string) map[string]string {
	seen := map[string]string{}
	eachTerm(text, func(term, word string) {
		if _, ok := seen[term]; !ok {
			seen[term] = word
		}
	})
	return seen
}

// quoteTerms maps terms back to their words in seen (from wordsOf), a
// term itself where seen has none.
func quoteTerms(seen map[string]string, ts []string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = cmp.Or(seen[t], t)
	}
	return out
}

// stem strips the common English inflections, enough that "assess",
// "assessment" and "assessments" meet; it is not a full Porter stemmer.
func stem(w string) string {
	for _, suf := range []string{"ments", "ment", "ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s"} {
		if len(w)-len(suf) >= 4 && strings.HasSuffix(w, suf) {
			w = strings.TrimSuffix(w, suf)
			if suf == "ies" || suf == "ied" {
				w += "y"
			}
			break
		}
	}
	return w
}

// vector is a sparse unit-length TF-IDF vector, its terms sorted. Sums run
// in term order, so a score is the same to the last bit on every run (a
// map's order would change the rounding, and with it ties between
// candidates).
type vector struct {
	terms   []string
	weights []float64
}

// corpus holds document frequencies over the statements of one local area,
// so a word common in that area's plans weighs little.
type corpus struct {
	df map[string]int
	n  int
}

func newCorpus(docs [][]string) *corpus {
	c := &corpus{df: map[string]int{}, n: len(docs)}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, t := range d {
			if !seen[t] {
				seen[t] = true
				c.df[t]++
			}
		}
	}
	return c
}

func (c *corpus) vector(ts []string) vector {
	tf := map[string]int{}
	for _, t := range ts {
		tf[t]++
	}
	v := vector{terms: make([]string, 0, len(tf))}
	for t := range tf {
		v.terms = append(v.terms, t)
	}
	slices.Sort(v.terms)
	v.weights = make([]float64, len(v.terms))
	var norm float64
	for i, t := range v.terms {
		idf := math.Log(float64(c.n+1)/float64(c.df[t]+1)) + 1
		w := (1 + math.Log(float64(tf[t]))) * idf
		v.weights[i] = w
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for i := range v.weights {
		v.weights[i] /= norm
	}
	return v
}

// shared calls fn for each term of both vectors, in term order, with its
// two weights.
func (a vector) shared(b vector, fn func(t string, wa, wb float64)) {
	i, j := 0, 0
	for i < len(a.terms) && j < len(b.terms) {
		switch c := strings.Compare(a.terms[i], b.terms[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			fn(a.terms[i], a.weights[i], b.weights[j])
			i++
			j++
		}
	}
}

func cosine(a, b vector) float64 {
	var s float64
	a.shared(b, func(_ string, wa, wb float64) { s += wa * wb })
	return s
}

// sharedTerms lists the heaviest terms two vectors share, for evidence.
func sharedTerms(a, b vector, n int) []string {
	type tw struct {
		t string
		w float64
	}
	var ts []tw
	a.shared(b, func(t string, wa, wb float64) { ts = append(ts, tw{t, wa * wb}) })
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].w != ts[j].w {
			return ts[i].w > ts[j].w
		}
		return ts[i].t < ts[j].t
	})
	var out []string
	for i := 0; i < len(ts) && i < n; i++ {
		out = append(out, ts[i].t)
	}
	return out
}

// blend is a + alpha·b, unit length again: an item's own words with a
// share of its context's.
func blend(a, b vector, alpha float64) vector {
	out := vector{}
	i, j := 0, 0
	for i < len(a.terms) || j < len(b.terms) {
		switch {
		case j == len(b.terms) || i < len(a.terms) && a.terms[i] < b.terms[j]:
			out.terms, out.weights = append(out.terms, a.terms[i]), append(out.weights, a.weights[i])
			i++
		case i == len(a.terms) || b.terms[j] < a.terms[i]:
			out.terms, out.weights = append(out.terms, b.terms[j]), append(out.weights, alpha*b.weights[j])
			j++
		default:
			out.terms, out.weights = append(out.terms, a.terms[i]), append(out.weights, a.weights[i]+alpha*b.weights[j])
			i, j = i+1, j+1
		}
	}
	var norm float64
	for _, w := range out.weights {
		norm += w * w
	}
	if norm = math.Sqrt(norm); norm > 0 {
		for k := range out.weights {
			out.weights[k] /= norm
		}
	}
	return out
}
