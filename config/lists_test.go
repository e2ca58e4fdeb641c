package config

import (
	"slices"
	"strings"
	"testing"
)

func TestUserListExtendsDefault(t *testing.T) {
	def := Default().Normalize
	file := writeFile(t, `
normalize:
  title_words: [portfolio holder, director]
  null_dates!: [tbc]
  columns:
    lead: [accountable lead]
  sections:
    - kind: action
      patterns: ['our pledges']
`)
	c, err := load(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := c.Normalize
	if !slices.Contains(n.TitleWords, "portfolio holder") || len(n.TitleWords) != len(def.TitleWords)+1 {
		t.Errorf("title_words = %v, want the %d defaults plus one (director not repeated)", n.TitleWords, len(def.TitleWords))
	}
	if !slices.Equal(n.NullDates, []string{"tbc"}) {
		t.Errorf("null_dates! = %v, want [tbc] alone", n.NullDates)
	}
	if lead := n.Columns["lead"]; !slices.Contains(lead, "accountable lead") || !slices.Contains(lead, "lead officer") {
		t.Errorf("columns.lead = %v, want the defaults and the user's phrase", lead)
	}
	if len(n.Columns["text"]) != len(def.Columns["text"]) {
		t.Errorf("columns.text changed: %v", n.Columns["text"])
	}
	if len(n.Sections) != len(def.Sections)+1 || n.Sections[0].Patterns[0] != "our pledges" {
		t.Errorf("sections: want the user's rule first, then the %d defaults; got %d, first %+v", len(def.Sections), len(n.Sections), n.Sections[0])
	}
	// config show prints the merged lists.
	b, err := c.YAML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "portfolio holder") || !strings.Contains(string(b), "assistant director") {
		t.Errorf("config show does not show the extended list:\n%s", b)
	}
}

func TestEnvironmentListExtendsOrReplaces(t *testing.T) {
	def := Default().Normalize
	c, err := load("", []string{"SENDRECON_NORMALIZE_TITLE_WORDS=portfolio holder", "SENDRECON_NORMALIZE_NULL_DATES=!tbc,n/a"})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Normalize.TitleWords) != len(def.TitleWords)+1 {
		t.Errorf("title_words = %v, want the defaults plus one", c.Normalize.TitleWords)
	}
	if !slices.Equal(c.Normalize.NullDates, []string{"tbc", "n/a"}) {
		t.Errorf("null_dates = %v, want [tbc n/a]", c.Normalize.NullDates)
	}
}

func TestReplaceMarkerTwice(t *testing.T) {
	file := writeFile(t, "normalize:\n  null_dates: [x]\n  null_dates!: [y]\n")
	if _, err := load(file, nil); err == nil || !strings.Contains(err.Error(), "null_dates") {
		t.Fatalf("got %v, want an error naming null_dates", err)
	}
}
