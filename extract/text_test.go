package extract

import (
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

func TestText(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		text  string
		want  []layout.Block
		title string
	}{{
		name:  "atx and setext headings; wrapped lines join into a paragraph",
		file:  "t.md",
		text:  "Plan\n====\n\n## Part one ##\nfirst line\nsecond line\n\nSub\n---\n###### six",
		want:  []layout.Block{heading(1, "Plan"), heading(2, "Part one"), para("first line second line"), heading(2, "Sub"), heading(6, "six")},
		title: "Plan",
	}, {
		name: "markdown hard breaks keep their lines",
		file: "t.md",
		text: "Joint Leads:  \nA Person\\\nB Person",
		want: []layout.Block{para("Joint Leads:\nA Person\nB Person")},
	}, {
		name: "bullets nest by indent; a wrapped item continues",
		file: "t.txt",
		text: "- one\n  - one a\n    wrapped\n  - one b\n• two\n",
		want: []layout.Block{list(false,
			marked("-", "one", 0, 0), marked("-", "one a wrapped", 0, 1), marked("-", "one b", 0, 1), marked("•", "two", 0, 0))},
	}, {
		name: "numbered and lettered items carry their number",
		file: "t.txt",
		text: "3. three\n4) four\n   a) sub a\n   (b) sub b\n",
		want: []layout.Block{list(true,
			marked("3.", "three", 3, 0), marked("4)", "four", 4, 0), marked("a)", "sub a", 1, 1), marked("(b)", "sub b", 2, 1))},
	}, {
		name: "a loose list goes on after a blank line; an indented paragraph joins its item",
		file: "t.md",
		text: "- one\n\n- two\n\n  more about two\n\nafter",
		want: []layout.Block{list(false, marked("-", "one", 0, 0), marked("-", "two\nmore about two", 0, 0)), para("after")},
	}, {
		name: "codes like 1.2 are not list markers",
		file: "t.txt",
		text: "1.2 Develop the plan\n2021. A year",
		want: []layout.Block{para("1.2 Develop the plan 2021. A year")},
	}, {
		name: "pipe table with header row, escaped pipe, <br> and bullets in cells",
		file: "t.md",
		text: "| Ref | Action | Measures |\n|:---|---|---:|\n| 1.1 | Do a \\| b | • one<br>• two |\n| 1.2 | **Bold** [link](http://x) |\n\nafter",
		want: []layout.Block{
			tableBlock(layout.Table{Index: 0, Rows: 3, Cols: 3, Cells: []layout.Cell{
				header(cell(0, 0, "Ref")), header(cell(0, 1, "Action")), header(cell(0, 2, "Measures")),
				cell(1, 0, "1.1"), cell(1, 1, "Do a | b"), lines(cell(1, 2, "one\ntwo"), bullet("one", 0), bullet("two", 0)),
				cell(2, 0, "1.2"), cell(2, 1, "Bold link"),
			}}),
			para("after"),
		},
	}, {
		name: "rows of pipes without a separator are a table without headers",
		file: "t.txt",
		text: "| a | b |\n| c | d |",
		want: []layout.Block{tableBlock(layout.Table{Index: 0, Rows: 2, Cols: 2, Cells: []layout.Cell{
			cell(0, 0, "a"), cell(0, 1, "b"), cell(1, 0, "c"), cell(1, 1, "d"),
		}})},
	}, {
		name: "tab-separated lines are a table; a single one is prose",
		file: "t.txt",
		text: "Action\tLead\n1.1 Plan\tA Person\n\nName\tvalue\n",
		want: []layout.Block{
			tableBlock(layout.Table{Index: 0, Rows: 2, Cols: 2, Cells: []layout.Cell{
				cell(0, 0, "Action"), cell(0, 1, "Lead"), cell(1, 0, "1.1 Plan"), cell(1, 1, "A Person"),
			}}),
			para("Name value"),
		},
	}, {
		name: "markdown inline markup is dropped, plain text keeps it",
		file: "t.md",
		text: "**Lead:** _Jo_ `code` ![logo](x.png) \\*not emphasis\\* &amp; 5 * 3",
		want: []layout.Block{para("Lead: Jo code logo *not emphasis* & 5 * 3")},
	}, {
		name: "plain text keeps markdown characters",
		file: "t.txt",
		text: "**Lead:** _Jo_",
		want: []layout.Block{para("**Lead:** _Jo_")},
	}, {
		name:  "a short line in capitals is a heading in plain text",
		file:  "t.txt",
		text:  "KEY ACTIONS 2024\n\nSome text.\n\nNOT A HEADING.",
		want:  []layout.Block{heading(2, "KEY ACTIONS 2024"), para("Some text."), para("NOT A HEADING.")},
		title: "KEY ACTIONS 2024",
	}, {
		name:  "a short line standing alone over more text is a heading in plain text",
		file:  "t.txt",
		text:  "Our SEND Plan 2024\n\nKey actions\n\n- Review the offer.\n\nWe will:\n\n- Meet.\n\nEnds here",
		want:  []layout.Block{heading(1, "Our SEND Plan 2024"), heading(2, "Key actions"), list(false, marked("-", "Review the offer.", 0, 0)), para("We will:"), list(false, marked("-", "Meet.", 0, 0)), para("Ends here")},
		title: "Our SEND Plan 2024",
	}, {
		name:  "title is the first line when there is no heading",
		file:  "t.md",
		text:  "Our plan for 2024\nwith more words.\n\nNext paragraph.",
		want:  []layout.Block{para("Our plan for 2024 with more words."), para("Next paragraph.")},
		title: "Our plan for 2024 with more words.",
	}, {
		name: "a fenced block keeps its lines",
		file: "t.md",
		text: "```\na  b\n# not a heading\n```\n",
		want: []layout.Block{para("a  b\n# not a heading")},
	}, {
		name: "CRLF line ends and a byte order mark",
		file: "t.md",
		text: "\ufeff# Title\r\n\r\ntext\r\n",
		want: []layout.Block{heading(1, "Title"), para("text")},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := read(t, tt.file, tt.text)
			sameValue(t, doc.Blocks, tt.want)
			if tt.title != "" && doc.Title != tt.title {
				t.Errorf("title %q, want %q", doc.Title, tt.title)
			}
		})
	}
}

func TestTextPages(t *testing.T) {
	doc := read(t, "t.txt", "first page\n\fsecond page\n- item\n\f")
	want := []layout.Block{
		{Kind: layout.KindParagraph, Page: 1, Text: "first page"},
		{Kind: layout.KindParagraph, Page: 2, Text: "second page"},
		{Kind: layout.KindList, Page: 2, List: &layout.List{Items: []layout.ListItem{{Text: "item", Marker: "-", Page: 2}}}},
	}
	sameValue(t, doc.Blocks, want)
	if doc.Pages != 2 {
		t.Errorf("pages %d, want 2", doc.Pages)
	}
}

func TestTextWindows1252(t *testing.T) {
	doc := read(t, "t.txt", "Children\x92s plan \x96 2024")
	sameValue(t, doc.Blocks, []layout.Block{para("Children’s plan – 2024")})
}
