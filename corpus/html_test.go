package corpus

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestRenderText(t *testing.T) {
	tests := []struct {
		name string
		html string
		body bool // render as a whole body, without page chrome
		want string
	}{
		{"paragraphs", "<p>One.</p><p>Two.</p>", false, "One.\n\nTwo."},
		{"white space collapsed", "<p>  One\n\t and  <b>bold</b>\n</p>", false, "One and bold"},
		{"inline elements join", "<p>a<b>b</b><i>c</i> d</p>", false, "abc d"},
		{"line breaks", "<p>One<br>Two<br/><br>Three</p>", false, "One\nTwo\nThree"},
		{"br then block", "<div>One<br></div><div>Two</div>", false, "One\n\nTwo"},
		{"every block a paragraph", "<h2>Head</h2><div>Div</div><section>Sec</section><ul><li>A</li><li>B</li></ul><blockquote>Q</blockquote>", false, "Head\n\nDiv\n\nSec\n\nA\n\nB\n\nQ"},
		{"nested blocks", "<div><div><p>One</p></div>Two</div>", false, "One\n\nTwo"},
		{"pre keeps white space", "<pre>a  b\n  c</pre><p>d</p>", false, "a  b\n  c\n\nd"},
		{"table cells", "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>", false, "a b\n\nc"},
		{"scripts, styles and media dropped", "<p>a<script>x()</script><style>p{}</style><noscript>n</noscript><img alt=i>b</p><iframe>f</iframe>", false, "ab"},
		{"nav and aside dropped", "<nav>Menu</nav><p>Text</p><aside>Related</aside>", false, "Text"},
		{"header and footer kept in an article", "<header>By line</header><p>Text</p><footer>Tags</footer>", false, "By line\n\nText\n\nTags"},
		{"header and footer dropped from a body", "<header>Site</header><p>Text</p><footer>Copyright</footer>", true, "Text"},
		{"hidden elements dropped", `<p hidden>h</p><p aria-hidden="true">a</p><p style="display: none">d</p><p style="visibility:hidden">v</p><p>shown</p>`, false, "shown"},
		{"entities decoded", "<p>Tom &amp; Jerry&nbsp;&lt;3</p>", false, "Tom & Jerry\u00a0<3"},
		{"comments dropped", "<p>a<!-- c -->b</p>", false, "ab"},
		{"empty", "<div> </div>", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			if got := renderText(root, tt.body); got != tt.want {
				t.Errorf("renderText(%q) = %q, want %q", tt.html, got, tt.want)
			}
		})
	}
}

func TestReadHTMLMetadata(t *testing.T) {
	tests := []struct {
		name, page string
		want       string // show(doc)
	}{
		{
			name: "content-language meta",
			page: `<html><head><meta http-equiv="Content-Language" content="fr"><title>Titre</title></head><body><p>Texte.</p></body></html>`,
			want: `p.html|p||fr||Titre|0|"Texte."`,
		},
		{
			name: "published time in JSON-LD",
			page: `<html lang="es"><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Titular","datePublished":"2024-03-05T10:00:00+01:00"}</script></head><body><p>Texto del artículo.</p></body></html>`,
			want: `p.html|p|2024-03-05T10:00:00+01:00|es||Titular|0|"Texto del artículo."`,
		},
		{
			name: "no title",
			page: `<p>Only text.</p>`,
			want: `p.html|p|||||0|"Only text."`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readString(t, tt.page, "p.html", Options{})
			if res.err != nil || len(res.warns) > 0 {
				t.Fatalf("error %v, warnings %q", res.err, res.warns)
			}
			equalLists(t, "documents", res.docs, []string{tt.want})
		})
	}
}
