package reconcile

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

func learnOptions() Options {
	o := testOptions()
	o.Weights.SharedTheme = 0.05
	o.Weights.SharedDate = 0.05
	o.Learn, o.LearnMinDecisions, o.LearnPrior = true, 20, 1
	return o
}

func score(w Weights, f Features) float64 {
	v := w.vector()
	s := 0.0
	for k := range f {
		s += v[k] * f[k]
	}
	return s
}

// reviewed makes n accepted links resting on text and a shared lead, and n
// rejected ones resting on weaker text and two shared themes: reviewers
// who find that a shared theme says little.
func reviewed(n int) []Example {
	var out []Example
	for i := range n {
		var acc, rej Features
		acc[FeatureText] = 0.3 + 0.02*float64(i%5)
		acc[FeatureSharedLead] = 1
		rej[FeatureText] = 0.25 + 0.02*float64(i%5)
		rej[FeatureSharedTheme] = 2
		if i%4 == 0 {
			// A code the reviewer still rejected: the document's own
			// word is not unlearnt.
			rej[FeatureExplicitRef] = 1
		}
		out = append(out,
			Example{LinkID: fmt.Sprintf("acc-%02d", i), Relation: RelAddresses, Features: acc, Accepted: true},
			Example{LinkID: fmt.Sprintf("rej-%02d", i), Relation: RelAddresses, Features: rej})
	}
	return out
}

func TestLearnMovesWeightsTheRightWay(t *testing.T) {
	opts := learnOptions()
	w, rep := Learn(reviewed(15), 30, opts)
	if rep.Status != StatusLearnt || rep.Examples != 30 || rep.Accepted != 15 || rep.Rejected != 15 {
		t.Fatalf("report %+v, want learnt from 15 accepted and 15 rejected", rep)
	}
	conf := opts.Weights
	t.Logf("configured %+v\nlearnt     %+v", conf, w)
	if w.SharedTheme >= conf.SharedTheme {
		t.Errorf("shared_theme %v, want below the configured %v: rejected links rest on themes", w.SharedTheme, conf.SharedTheme)
	}
	if w.SharedLead <= conf.SharedLead {
		t.Errorf("shared_lead %v, want above the configured %v: accepted links share leads", w.SharedLead, conf.SharedLead)
	}
	if w.ExplicitRef < conf.ExplicitRef {
		t.Errorf("explicit_ref %v fell below the configured %v", w.ExplicitRef, conf.ExplicitRef)
	}
	if w.TitleRef != conf.TitleRef || w.SameSection != conf.SameSection {
		t.Errorf("kinds no decided link shows moved: title_ref %v, same_section %v", w.TitleRef, w.SameSection)
	}
	for k, v := range w.vector() {
		if v < 0 || v > math.Max(1, 2*conf.vector()[k]) {
			t.Errorf("%s = %v out of bounds", FeatureNames[k], v)
		}
	}
	if rep.Weights["shared_theme"] != w.SharedTheme || rep.Configured["shared_theme"] != conf.SharedTheme {
		t.Errorf("report weights %v, configured %v", rep.Weights, rep.Configured)
	}
	// Held-out links, not among the examples: one like the rejected ones
	// scores lower than before, one like the accepted ones higher.
	var themeOnly, textPeople Features
	themeOnly[FeatureText], themeOnly[FeatureSharedTheme] = 0.28, 2
	textPeople[FeatureText], textPeople[FeatureSharedLead] = 0.27, 1
	if before, after := score(conf, themeOnly), score(w, themeOnly); after >= before {
		t.Errorf("theme-heavy held-out link: score %.3f -> %.3f, want lower", before, after)
	}
	if before, after := score(conf, textPeople), score(w, textPeople); after <= before {
		t.Errorf("text+people held-out link: score %.3f -> %.3f, want higher", before, after)
	}
	// Crossing the threshold is what changes what is proposed.
	th := opts.Threshold.Addresses
	if score(conf, themeOnly) < th || score(w, themeOnly) >= th {
		t.Errorf("theme-heavy held-out link should fall below the threshold %.2f: %.3f -> %.3f", th, score(conf, themeOnly), score(w, themeOnly))
	}
}

func TestLearnIsDeterministic(t *testing.T) {
	ex := reviewed(12)
	w1, r1 := Learn(ex, 24, learnOptions())
	rev := make([]Example, len(ex))
	for i := range ex {
		rev[len(ex)-1-i] = ex[i]
	}
	w2, r2 := Learn(rev, 24, learnOptions())
	if w1 != w2 || !reflect.DeepEqual(r1, r2) {
		t.Errorf("same decisions in another order learnt %+v and %+v", w1, w2)
	}
}

func TestLearnKeepsConfiguredWeights(t *testing.T) {
	opts := learnOptions()
	off := opts
	off.Learn = false
	var oneKind []Example
	for _, e := range reviewed(25) {
		if e.Accepted {
			oneKind = append(oneKind, e)
		}
	}
	for _, tc := range []struct {
		name      string
		ex        []Example
		decisions int
		opts      Options
		reason    string
	}{
		{"no decisions", nil, 0, opts, "no reviewers' decisions"},
		{"too few", reviewed(9), 18, opts, "fewer than reconcile.learn_min_decisions (20)"},
		{"one kind", oneKind, 25, opts, "all of one kind"},
		{"off", reviewed(15), 30, off, "reconcile.learn is off"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, rep := Learn(tc.ex, tc.decisions, tc.opts)
			if w != opts.Weights {
				t.Errorf("weights %+v, want the configured %+v", w, opts.Weights)
			}
			if rep.Status != StatusConfigured || !strings.Contains(rep.Reason, tc.reason) {
				t.Errorf("report %q %q, want configured because %q", rep.Status, rep.Reason, tc.reason)
			}
			if !reflect.DeepEqual(rep.Weights, rep.Configured) || rep.MinDecisions != 20 {
				t.Errorf("report %+v", rep)
			}
		})
	}
}

// TestDecidedExamplesScoreAsLinking checks that a decided link's features,
// weighted, give the score linking gave it, and that a decision naming a
// copy's items teaches through the edition's representative.
func TestDecidedExamplesScoreAsLinking(t *testing.T) {
	opts := learnOptions()
	in := testInput()
	out := Run(in, nil, opts)
	var ds []Decision
	for i, l := range out.Links {
		action := DecisionAccept
		if i%2 == 1 {
			action = DecisionReject
		}
		ds = append(ds, Decision{LinkID: l.ID, Src: l.Src, Dst: l.Dst, Relation: l.Relation, Action: action})
	}
	ds = append(ds, Decision{LinkID: LinkID("gone", "f1", RelAddresses), Src: "gone", Dst: "f1", Relation: RelAddresses, Action: DecisionReject})
	ex := DecidedExamples(in, ds, opts)
	if len(ex) != len(out.Links) {
		t.Fatalf("%d examples of %d decided links", len(ex), len(out.Links))
	}
	scores := map[string]float64{}
	for _, l := range out.Links {
		scores[l.ID] = l.Score
	}
	for _, e := range ex {
		if got := round(min(score(opts.Weights, e.Features), 1)); got != scores[e.LinkID] {
			t.Errorf("%s: features score %v, linking scored %v", e.LinkID, got, scores[e.LinkID])
		}
	}

	// A decision on the copy's items scores the representative's link.
	cp := withCopy(in, "insp", "insp-pdf", "pdf")
	var l Link
	for _, x := range Run(cp, nil, opts).Links {
		if x.Dst == "f2" && x.Src == "a3" {
			l = x
		}
	}
	if l.ID == "" {
		t.Fatal("no a3 -> f2 link")
	}
	d := Decision{LinkID: LinkID("a3", "insp-pdf-f2", RelAddresses), Src: "a3", Dst: "insp-pdf-f2", Relation: RelAddresses, Action: DecisionAccept}
	got := DecidedExamples(cp, []Decision{d}, opts)
	if len(got) != 1 || got[0].LinkID != l.ID || !got[0].Accepted {
		t.Errorf("decision on a copy gave %+v, want the representative's link %s", got, l.ID)
	}
}
