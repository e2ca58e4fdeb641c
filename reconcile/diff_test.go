package reconcile

import (
	"reflect"
	"testing"

	"github.com/sendrecon/sendrecon/normalize"
)

func act(id, key, text string) normalize.Item {
	return normalize.Item{ID: id, DocID: id[:2], Kind: normalize.KindAction, Key: key, Text: text}
}

func TestDiff(t *testing.T) {
	base := []normalize.Item{
		act("o-1", "1.1", "Publish the local offer in community languages"),
		act("o-2", "1.2", "Introduce a programme of multi agency SEND reviews"),
		act("o-3", "1.3", "Reduce waiting times for speech and language therapy"),
	}
	with := func(items []normalize.Item, i int, edit func(*normalize.Item)) []normalize.Item {
		out := append([]normalize.Item(nil), items...)
		edit(&out[i])
		return out
	}
	renew := func(items []normalize.Item) []normalize.Item {
		out := append([]normalize.Item(nil), items...)
		for i := range out {
			out[i].ID = "n-" + out[i].ID[2:]
			out[i].DocID = "n-"
		}
		return out
	}
	mod := func(old, new, key, field, before, after string) Change {
		return Change{OldDocID: "o", NewDocID: "n", OldItemID: old, NewItemID: new, Key: key, Kind: "action",
			Change: ChangeModified, Field: field, Before: before, After: after}
	}
	tests := []struct {
		name     string
		old, new []normalize.Item
		want     []Change
	}{
		{name: "same items, no changes", old: base, new: renew(base)},
		{name: "status moved", old: base,
			new:  with(renew(base), 1, func(it *normalize.Item) { it.Status = "On track some concerns" }),
			want: []Change{mod("o-2", "n-2", "1.2", FieldStatus, "", "On track some concerns")}},
		{name: "due date moved, the timescale that says it is not repeated",
			old: with(base, 0, func(it *normalize.Item) {
				it.Due, it.Timescale = normalize.Date{Time: day("2024-10-31").Time, Precision: normalize.PrecisionMonth}, "Oct-24"
			}),
			new: with(renew(base), 0, func(it *normalize.Item) {
				it.Due, it.Timescale = normalize.Date{Time: day("2025-03-31").Time, Precision: normalize.PrecisionMonth}, "Mar-25"
			}),
			want: []Change{mod("o-1", "n-1", "1.1", FieldDue, "2024-10", "2025-03")}},
		{name: "timescale reworded, date the same",
			old:  with(base, 0, func(it *normalize.Item) { it.Due, it.Timescale = day("2024-10-31"), "31/10/2024" }),
			new:  with(renew(base), 0, func(it *normalize.Item) { it.Due, it.Timescale = day("2024-10-31"), "31 October 2024" }),
			want: []Change{mod("o-1", "n-1", "1.1", FieldTimescale, "31/10/2024", "31 October 2024")}},
		{name: "lead changed",
			old:  with(base, 2, func(it *normalize.Item) { it.Leads = []string{"Ann Lee"} }),
			new:  with(renew(base), 2, func(it *normalize.Item) { it.Leads = []string{"Bob Stone", "Ann Lee"} }),
			want: []Change{mod("o-3", "n-3", "1.3", FieldLeads, "Ann Lee", "Bob Stone; Ann Lee")}},
		{name: "wording edited at the same key", old: base,
			new: with(renew(base), 0, func(it *normalize.Item) { it.Text = "Publish and translate the local offer in community languages" }),
			want: []Change{mod("o-1", "n-1", "1.1", FieldText, "Publish the local offer in community languages",
				"Publish and translate the local offer in community languages")}},
		{name: "spacing and case are no edit", old: base,
			new: with(renew(base), 0, func(it *normalize.Item) { it.Text = "publish the  local offer in community LANGUAGES" })},
		{name: "row removed: the rows below renumber, and are not rewritten",
			old: base,
			new: []normalize.Item{act("n-1", "1.1", base[0].Text), act("n-3", "1.2", base[2].Text)},
			want: []Change{
				mod("o-3", "n-3", "1.2", FieldKey, "1.3", "1.2"),
				{OldDocID: "o", NewDocID: "n", OldItemID: "o-2", Key: "1.2", Kind: "action", Change: ChangeRemoved, Before: base[1].Text},
			}},
		{name: "row added, a renumbered row's wording edited too",
			old: base,
			new: []normalize.Item{act("n-1", "1.1", base[0].Text), act("n-9", "1.2", "Pilot a preparation for adulthood passport"),
				act("n-2", "1.3", base[1].Text), act("n-3", "1.4", "Reduce waiting times for speech and language therapy assessments")},
			want: []Change{
				{OldDocID: "o", NewDocID: "n", NewItemID: "n-9", Key: "1.2", Kind: "action", Change: ChangeAdded, After: "Pilot a preparation for adulthood passport"},
				mod("o-2", "n-2", "1.3", FieldKey, "1.2", "1.3"),
				mod("o-3", "n-3", "1.4", FieldKey, "1.3", "1.4"),
				mod("o-3", "n-3", "1.4", FieldText, base[2].Text, "Reduce waiting times for speech and language therapy assessments"),
			}},
		{name: "same key, unrelated text: one out, one in",
			old: base,
			new: with(renew(base), 1, func(it *normalize.Item) { it.Text = "Commission a new short breaks service" }),
			want: []Change{
				{OldDocID: "o", NewDocID: "n", OldItemID: "o-2", Key: "1.2", Kind: "action", Change: ChangeRemoved, Before: base[1].Text},
				{OldDocID: "o", NewDocID: "n", NewItemID: "n-2", Key: "1.2", Kind: "action", Change: ChangeAdded, After: "Commission a new short breaks service"},
			}},
		{name: "kinds never pair",
			old: []normalize.Item{act("o-1", "1", "Same words")},
			new: []normalize.Item{{ID: "n-1", Kind: normalize.KindPriority, Key: "1", Text: "Same words"}},
			want: []Change{
				{OldDocID: "o", NewDocID: "n", NewItemID: "n-1", Key: "1", Kind: "priority", Change: ChangeAdded, After: "Same words"},
				{OldDocID: "o", NewDocID: "n", OldItemID: "o-1", Key: "1", Kind: "action", Change: ChangeRemoved, Before: "Same words"},
			}},
		{name: "empty old version: everything added",
			new: []normalize.Item{act("n-1", "1.10", "B"), act("n-2", "1.9", "A")},
			want: []Change{
				{OldDocID: "o", NewDocID: "n", NewItemID: "n-2", Key: "1.9", Kind: "action", Change: ChangeAdded, After: "A"},
				{OldDocID: "o", NewDocID: "n", NewItemID: "n-1", Key: "1.10", Kind: "action", Change: ChangeAdded, After: "B"},
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Diff("o", "n", tc.old, tc.new)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Diff:\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestCompareKeys(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"P2.9", "P2.10", -1}, {"AFI10", "AFI2", 1}, {"1.2", "1.2", 0}, {"A", "A-1", -1}, {"2", "10", -1},
		{"99999999999999999999999", "1", 1},
	} {
		if got := CompareKeys(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareKeys(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func BenchmarkDiff(b *testing.B) {
	var old, new []normalize.Item
	for i := range 400 {
		text := "Action number " + string(rune('a'+i%26)) + " on waiting times, training and the local offer " + string(rune('A'+i%17))
		old = append(old, act("o-x", "1."+string(rune('0'+i%10)), text))
		new = append(new, act("n-x", "1."+string(rune('0'+(i+1)%10)), text+" revised"))
	}
	b.ReportAllocs()
	for b.Loop() {
		Diff("o", "n", old, new)
	}
}
