package view

import "html/template"

// samplePage returns a page of the given kind with every field filled, so
// that executing a template against it reaches every branch that shows
// something. New uses it to check the templates at start-up.
func samplePage(kind string) *Page {
	date := Date{ISO: "2026-03-01T09:30:00Z", Text: "1 March 2026, 09:30 UTC"}
	byline := []AuthorLink{
		{Name: "Ada Reporter", URL: "/authors/ada"},
		{Name: "Morning Star", URL: "/authors/morning-star", Sep: " and "},
	}
	figure := &Figure{URL: "/media/sample.jpg", Alt: "A harbour at dawn", Caption: "The harbour.", Credit: "Photo: Agency", Width: 1600, Height: 900}
	card := ArticleCard{
		Lang: "en", Dir: "ltr", URL: "/articles/sample", Title: "Sample article",
		Summary: "What happened.", Published: date,
		Byline: byline, Image: figure, SourceName: "Morning Star",
	}
	email := ProtectedEmail{Encoded: "Z3JvLmVscG1heGVAc3NlcnA=", ContactURL: "/contact", Fallback: "email us via the contact page"}
	pagination := Pagination{Page: 2, Pages: 3, Total: 45, PrevURL: "/?page=1", NextURL: "/?page=3"}
	list := List{
		Heading:    "Articles by: Ada Reporter",
		Articles:   []ArticleCard{card},
		Pagination: pagination,
		Empty:      "No articles.",
		Author: &AuthorProfile{
			Name: "Ada Reporter", Bio: []string{"Reports."}, ImageURL: "/media/ada.jpg",
			Website: "https://ada.example/", Social: []SocialLink{{Network: "mastodon", Label: "Ada Reporter on Mastodon", URL: "https://social.example/@ada"}},
		},
	}
	feeds := []FeedLink{{Title: "RSS feed", Type: "application/rss+xml", URL: "/feed.xml"}}
	note := template.HTML("<p>Note to readers.</p>")

	p := &Page{
		Lang: "en", Dir: "ltr",
		Title: "Sample", Description: "A sample page.",
		CanonicalURL: "https://news.example/",
		NoIndex:      true,
		Alternates:   []Alternate{{Hreflang: "en", Href: "https://news.example/"}, {Hreflang: "x-default", Href: "https://news.example/"}},
		PrevURL:      "/?page=1", NextURL: "/?page=3",
		Site: Site{
			Name: "Sample News", Tagline: "Independent news", LogoURL: "/media/logo.png",
			Follow: []SocialLink{{Network: "instagram", Label: "Follow us on Instagram", URL: "https://instagram.example/news"}},
		},
		Languages: []LanguageOption{
			{Code: "en", NativeName: "English", EnglishName: "English", Dir: "ltr", URL: "/", Current: true},
			{Code: "ar", NativeName: "العربية", EnglishName: "Arabic", Dir: "rtl", URL: "/ar/"},
		},
		Current:      LanguageOption{Code: "en", NativeName: "English", EnglishName: "English", Dir: "ltr", URL: "/", Current: true},
		Untranslated: &Untranslated{SourceLang: "en", OriginalURL: "/"},
		OpenGraph: OpenGraph{
			Type: "article", Title: "Sample", Description: "A sample page.", URL: "https://news.example/",
			ImageURL: "https://news.example/media/sample.jpg", ImageAlt: "A harbour", Locale: "en",
			Published: date.ISO, Modified: date.ISO, Authors: []string{"https://news.example/authors/ada"}, Tags: []string{"Harbours"},
		},
		Feeds: feeds,
		Footer: Footer{
			Disclaimer: Text{HTML: "<p>Views are the authors’.</p>"}, FairUse: Text{HTML: "<p>Fair use.</p>"},
			Contacts: []ContactLink{{Label: "Media inquiries", Email: email}}, Year: 2026,
		},
	}
	switch kind {
	case PageHome:
		p.Home = &Home{Leads: []ArticleCard{card}, Latest: []ArticleCard{card}, Pagination: pagination}
	case PageArticle:
		p.Article = &ArticlePage{
			Lang: "en", Dir: "ltr", Translated: true, Title: "Sample article", Subtitle: "A subtitle",
			URL: "https://news.example/articles/sample", Byline: byline,
			Published: date, Updated: date, Image: figure,
			SiteNoteBefore: Text{HTML: note}, NoteBefore: note, Body: "<p>Body.</p>", NoteAfter: note, SiteNoteAfter: Text{HTML: note, Lang: "en", Dir: "ltr"},
			Source:  &Source{Name: "Morning Star", URL: "https://morningstar.example/a"},
			Licence: Text{HTML: "<p>Cross-post with credit.</p>"}, Copyright: "© 2026 Ada Reporter, Morning Star",
			Republish:      `<p>First published by <a href="https://news.example/articles/sample">Sample News</a>.</p>`,
			Tags:           []TagLink{{Name: "Harbours", URL: "/tags/harbours"}},
			Share:          []ShareLink{{Network: "facebook", Label: "Share on Facebook", URL: "https://www.facebook.com/sharer/sharer.php?u=x"}},
			StructuredData: map[string]any{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "</script><script>alert(1)</script>"},
		}
	case PageList:
		p.List = &list
	case PageArchive:
		p.Archive = &Archive{Years: []ArchiveYear{{Year: 2026, Months: []ArchiveMonth{{Name: "March", URL: "/archive/2026/03", Count: 3}}}}}
	case PageSearch:
		p.Search = &Search{Box: SearchBox{Action: "/search", ID: "search-page-q", Query: "harbour"}, Query: "harbour", Submitted: true, Results: list}
	case PageContact:
		p.Contact = &Contact{
			Sections: []ContactSection{{Heading: "Media inquiries", Text: "For interviews.", Email: email}},
			Licence:  Text{HTML: "<p>Cross-post with credit.</p>"},
		}
	case PageNewsletter:
		p.Newsletter = &Newsletter{Feeds: feeds, Form: &SubscribeForm{
			Action: "/newsletter", Email: "reader@example.org", Lang: "en",
			Languages: []NewsletterLanguage{
				{Code: "en", NativeName: "English", Dir: "ltr", Selected: true},
				{Code: "ar", NativeName: "العربية", Dir: "rtl"},
			},
			ConsentText:   "I agree to receive the newsletter.",
			EmailError:    "Please enter a valid email address.",
			HoneypotLabel: "Website",
		}}
	case PageNotFound:
		p.NotFound = &NotFound{Box: SearchBox{Action: "/search", ID: "notfound-q"}, Latest: []ArticleCard{card}}
	case PageError:
		p.Error = &ErrorPage{Status: 500, Message: "The site could not load this page."}
	}
	return p
}
