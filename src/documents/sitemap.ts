// Writes the sitemap (sitemaps.org 0.9) of the HTML pages and the robots.txt that points to it.

const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** One <url> per page, in the given order; lastmod is a date (never the clock: pass the catalog's modified date). */
export const sitemapXml = (pages: readonly string[], lastmod: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
  pages.map((loc) => `<url><loc>${escapeXml(loc)}</loc><lastmod>${lastmod}</lastmod></url>\n`).join('') +
  '</urlset>\n';

export const robotsTxt = (sitemapUrl: string): string => `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl}\n`;
