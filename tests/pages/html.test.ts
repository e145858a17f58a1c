// Safe HTML building: interpolations are escaped, trusted fragments are not, JSON data blocks cannot end their script.
import { describe, expect, it } from 'vitest';
import { esc, html, join, jsonScript, raw } from '../../src/pages/html.ts';

describe('html', () => {
  it('escapes every interpolated string, in text and attributes alike', () => {
    const evil = `<script>alert("x")</script>&'`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    );
    expect(esc('a<b')).toBe('a&lt;b');
  });

  it('keeps trusted fragments, renders lists and drops empty values', () => {
    expect(html`<ul>${['<a>', 'b'].map((x) => html`<li>${x}</li>`)}</ul>${undefined}${false}${null}${3}`.value).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>3');
    expect(join([raw('<br>'), 'x<'], '|').value).toBe('<br>|x&lt;');
  });

  it('writes JSON for a data block with no way out of the script element', () => {
    const json = JSON.stringify({ label: '</script><script>alert(1)</script><!-- & \u2028' });
    const block = jsonScript(json).value;
    expect(block).not.toContain('<');
    expect(block).not.toContain('>');
    expect(JSON.parse(block)).toEqual(JSON.parse(json));
  });
});
