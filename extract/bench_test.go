package extract

import (
	"context"
	"os"
	"strings"
	"testing"
)

func benchmarkRead(b *testing.B, name string, data []byte) {
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Bytes(context.Background(), name, data, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHTML(b *testing.B) {
	data, err := os.ReadFile("../testdata/samples/middlesbrough-send-progress-2020.html")
	if err != nil {
		b.Fatal(err)
	}
	benchmarkRead(b, "sample.html", data)
}

func BenchmarkMarkdown(b *testing.B) {
	data, err := os.ReadFile("testdata/inputs/example-borough-send-action-plan.md")
	if err != nil {
		b.Fatal(err)
	}
	benchmarkRead(b, "sample.md", data)
}

// BenchmarkLongListItem guards against time in the square of an item's
// length, which a list item of many wrapped lines once cost.
func BenchmarkLongListItem(b *testing.B) {
	benchmarkRead(b, "long.txt", []byte("- a\n"+strings.Repeat("continued\n", 20000)))
}

// BenchmarkLongBulletParagraph is the same guard for a "•" paragraph of
// many lines in HTML.
func BenchmarkLongBulletParagraph(b *testing.B) {
	benchmarkRead(b, "long.html", []byte("<p>• a"+strings.Repeat("<br>line", 20000)+"</p>"))
}
