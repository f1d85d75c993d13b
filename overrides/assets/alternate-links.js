// The hreflang alternates in <head> point at pages, but Material's bundle takes every
// link[rel=alternate] for a site root and requests "<page>/sitemap.xml" (a 404 per page view).
// Crawlers read the links from the HTML; the bundle, which runs after this deferred script, no longer sees them.
document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (l) { l.rel = "alternate-edition"; });
