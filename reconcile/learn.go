package reconcile

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/sendrecon/sendrecon/normalize"
)

// Feature is one kind of evidence a link's score is built from; its name is
// its key under reconcile.weights.
type Feature int

// The kinds of evidence, in the order of Features.
const (
	FeatureExplicitRef Feature = iota
	FeatureTitleRef
	FeatureText
	FeatureSharedLead
	FeatureSharedOrg
	FeatureSharedDate
	FeatureSharedTheme
	FeatureSameSection
	numFeatures
)

// FeatureNames are the kinds' keys under reconcile.weights.
var FeatureNames = [numFeatures]string{
	"explicit_ref", "title_ref", "text", "shared_lead", "shared_org", "shared_date", "shared_theme", "same_section",
}

// Features are a candidate link's evidence before weighting: 1 for a
// reference or a shared section or date, a similarity or share in [0, 1]
// for text, leads and organisations, a count (up to two) for themes. The
// score is the sum of each feature times its weight.
type Features [numFeatures]float64

// vector is the weights in Features order.
func (w Weights) vector() Features {
	return Features{w.ExplicitRef, w.TitleRef, w.Text, w.SharedLead, w.SharedOrg, w.SharedDate, w.SharedTheme, w.SameSection}
}

func weightsOf(f Features) Weights {
	return Weights{
		ExplicitRef: f[FeatureExplicitRef], TitleRef: f[FeatureTitleRef], Text: f[FeatureText],
		SharedLead: f[FeatureSharedLead], SharedOrg: f[FeatureSharedOrg], SharedDate: f[FeatureSharedDate],
		SharedTheme: f[FeatureSharedTheme], SameSection: f[FeatureSameSection],
	}
}

// Map names each weight by its key, for the manifest.
func (w Weights) Map() map[string]float64 {
	v := w.vector()
	out := make(map[string]float64, numFeatures)
	for k, name := range FeatureNames {
		out[name] = v[k]
	}
	return out
}

// Example is a decided link with its evidence as computed on this run.
type Example struct {
	LinkID   string
	Relation string
	Features Features
	Accepted bool
}

// Learning is what manifest.json says of the weights a run linked with.
type Learning struct {
	// Status is StatusLearnt or StatusConfigured.
	Status string `json:"status"`
	// Reason says why the configured weights held, or how they were learnt.
	Reason string `json:"reason"`
	// Decisions counts the reviewers' decisions read (the last on each
	// link); Examples those whose link was found and scored on this run,
	// of which Accepted (accepted or added) and Rejected.
	Decisions    int `json:"decisions"`
	Examples     int `json:"examples"`
	Accepted     int `json:"accepted"`
	Rejected     int `json:"rejected"`
	MinDecisions int `json:"min_decisions"`
	// Configured and Weights are the weights of the configuration and
	// those the run linked with, by reconcile.weights key.
	Configured map[string]float64 `json:"configured"`
	Weights    map[string]float64 `json:"weights"`
}

// The states of Learning.Status.
const (
	StatusLearnt     = "learnt"
	StatusConfigured = "configured"
)

// Learning's fixed settings. sharpness turns a score's distance from its
// relation's threshold into log-odds of acceptance: 0.1 above the
// threshold is odds of e to 1. Weights stay within [0, max(1, 2x the
// configured weight)].
const (
	sharpness  = 10.0
	learnSteps = 500
)

// DecidedExamples scores, as this run's linking would, the links the
// decisions name (the last decision on each; a decision naming items of a
// copy moves onto its edition's representative, as when applied). A
// decision whose items are not in the batch, or whose relation the two
// items cannot have, gives no example. The examples are sorted by link.
func DecidedExamples(in Input, ds []Decision, opts Options) []Example {
	if len(ds) == 0 {
		return nil
	}
	var out []Example
	for _, area := range areas(in) {
		set := area.editions(opts)
		last := map[string]Decision{}
		for _, d := range ds {
			d = onEdition(d, set.alias)
			last[d.LinkID] = d
		}
		area.items = slices.DeleteFunc(area.items, func(it *normalize.Item) bool { return set.rep[it.DocID] != it.DocID })
		byID := map[string]*normalize.Item{}
		for _, it := range area.items {
			byID[it.ID] = it
		}
		var s *scorer
		ids := make([]string, 0, len(last))
		for id := range last {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			d := last[id]
			src, dst := byID[d.Src], byID[d.Dst]
			if src == nil || dst == nil {
				continue
			}
			if s == nil {
				s = area.scorer(opts)
			}
			cand, ok := s.score(src, dst, s.implVec(src))
			if !ok || cand.relation != d.Relation {
				continue
			}
			out = append(out, Example{LinkID: id, Relation: d.Relation, Features: cand.feat, Accepted: d.Action != DecisionReject})
		}
	}
	slices.SortFunc(out, func(a, b Example) int { return cmp.Compare(a.LinkID, b.LinkID) })
	return slices.CompactFunc(out, func(a, b Example) bool { return a.LinkID == b.LinkID })
}

// Learn re-estimates the weights from the examples, when learning is on
// and there are at least opts.LearnMinDecisions of them with both accepted
// and rejected links; otherwise the configured weights hold. decisions is
// how many decisions were read, for the report.
//
// The model is a logistic regression on the score itself: a link is
// accepted with probability σ(sharpness·(score − threshold of its
// relation)), so the learnt weights stay on the scale the thresholds are
// set in. An L2 prior of strength opts.LearnPrior pulls each weight towards
// its configured value, so a kind no decided link shows keeps its weight
// and a few decisions move the weights a little. It is fitted by projected
// gradient descent, a fixed number of steps from the configured weights,
// so equal input gives equal weights. An explicit reference is the
// document's own word: learning never weighs it below its configured
// weight.
func Learn(examples []Example, decisions int, opts Options) (Weights, Learning) {
	conf := opts.Weights
	rep := Learning{
		Status: StatusConfigured, Decisions: decisions, Examples: len(examples),
		MinDecisions: opts.LearnMinDecisions, Configured: conf.Map(), Weights: conf.Map(),
	}
	for _, e := range examples {
		if e.Accepted {
			rep.Accepted++
		} else {
			rep.Rejected++
		}
	}
	switch {
	case !opts.Learn:
		rep.Reason = "reconcile.learn is off"
		return conf, rep
	case decisions == 0:
		rep.Reason = "no reviewers' decisions"
		return conf, rep
	case len(examples) < opts.LearnMinDecisions:
		rep.Reason = fmt.Sprintf("%d decided links found on this run, fewer than reconcile.learn_min_decisions (%d)", len(examples), opts.LearnMinDecisions)
		return conf, rep
	case rep.Accepted == 0 || rep.Rejected == 0:
		rep.Reason = fmt.Sprintf("decided links are all of one kind (%d accepted, %d rejected): learning needs both", rep.Accepted, rep.Rejected)
		return conf, rep
	}
	// Sums run in one order whatever order the examples came in.
	examples = slices.Clone(examples)
	slices.SortStableFunc(examples, func(a, b Example) int { return cmp.Compare(a.LinkID, b.LinkID) })
	w0 := conf.vector()
	var lo, hi Features
	for k := range w0 {
		if w0[k] <= 0 {
			// A kind switched off stays off.
			continue
		}
		hi[k] = max(1, 2*w0[k])
	}
	lo[FeatureExplicitRef] = w0[FeatureExplicitRef]
	lambda := opts.LearnPrior
	n := float64(len(examples))
	// Step 1/L, L bounding the loss's curvature: sharpness²/4 times the
	// mean squared feature norm, plus the prior's 2λ.
	var sq float64
	for _, e := range examples {
		for _, x := range e.Features {
			sq += x * x
		}
	}
	step := 1 / (sharpness*sharpness/4*sq/n + 2*lambda)
	w := w0
	for range learnSteps {
		var grad Features
		for _, e := range examples {
			z := -threshold(e.Relation, opts)
			for k, x := range e.Features {
				z += w[k] * x
			}
			p := 1 / (1 + math.Exp(-sharpness*z))
			y := 0.0
			if e.Accepted {
				y = 1
			}
			for k, x := range e.Features {
				grad[k] += (p - y) * sharpness * x / n
			}
		}
		for k := range w {
			g := grad[k] + 2*lambda*(w[k]-w0[k])
			w[k] = min(max(w[k]-step*g, lo[k]), hi[k])
		}
	}
	for k := range w {
		// Four decimals: the weights printed and used are the same on
		// every platform, whatever its floating-point rounding.
		w[k] = max(math.Round(w[k]*1e4)/1e4, lo[k])
	}
	learnt := weightsOf(w)
	rep.Status = StatusLearnt
	rep.Reason = fmt.Sprintf("learnt from %d decided links (%d accepted, %d rejected)", len(examples), rep.Accepted, rep.Rejected)
	rep.Weights = learnt.Map()
	return learnt, rep
}
