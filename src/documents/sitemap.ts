// The robots.txt that points crawlers to the sitemap index; the sitemap itself is written at convert time
// (src/convert/sitemap-file.ts) and served from the build.

export const robotsTxt = (sitemapUrl: string): string => `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl}\n`;
