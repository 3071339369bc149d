import { describe, expect, it } from 'vitest';
import { renderTemplate } from './index.ts';
import { makeScope } from './test-scope.ts';

// $now = 2024-05-31T22:30:15.250Z
const scope = makeScope();
const run = (template: string) => renderTemplate(template, scope);

describe('standard library', () => {
  it.each<[string, unknown]>([
    ['{{ Math.round(2.5) + Math.floor(-1.5) + Math.ceil(0.2) + Math.abs(-3) }}', 3 - 2 + 1 + 3],
    ['{{ Math.min(4, 2, 8) + Math.max(...[1, 9, 3]) }}', 11],
    ['{{ Math.max() }}', -Infinity],
    ['{{ Math.pow(2, 10) + Math.sqrt(16) + Math.trunc(-4.7) + Math.sign(-3) }}', 1024 + 4 - 4 - 1],
    ['{{ Math.round(Math.PI * 100) / 100 }}', 3.14],
    ['{{ Math.hypot(3, 4) }}', 5],
    ['{{ typeof Math.random }}', 'undefined'],
    ['{{ JSON.stringify({ a: [1, "x", null], b: undefined, c: true }) }}', '{"a":[1,"x",null],"c":true}'],
    ['{{ JSON.stringify({ a: 1, b: [1, 2] }, null, 2) }}', JSON.stringify({ a: 1, b: [1, 2] }, null, 2)],
    ['{{ JSON.stringify([]) + JSON.stringify({}) + JSON.stringify("s") + JSON.stringify(NaN) }}', '[]{}"s"null'],
    ['{{ JSON.stringify(undefined) }}', undefined],
    ['{{ JSON.parse(\'{"a":{"b":[1,2]}}\').a.b[1] }}', 2],
    ['{{ Number("42") + Number("x") }}', NaN],
    ['{{ Number.isInteger(5) && !Number.isInteger(5.5) && Number.MAX_SAFE_INTEGER > 0 }}', true],
    ['{{ String(12) + String(null) + String([1, 2]) }}', '12null1,2'],
    ['{{ Boolean("") || Boolean(0) }}', false],
    ['{{ parseInt("42px") + parseFloat("1.5e1") + parseInt("ff", 16) }}', 42 + 15 + 255],
    ['{{ isNaN("abc") && isFinite("12") }}', true],
    ['{{ encodeURIComponent("a b&c=é") }}', 'a%20b%26c%3D%C3%A9'],
    ['{{ decodeURIComponent("a%20b") }}', 'a b'],
    ['{{ Array.isArray([]) && !Array.isArray("x") }}', true],
    ['{{ Array.from({ length: 3 }, (_, i) => i * 2) }}', [0, 2, 4]],
    ['{{ Array.from("ab") }}', ['a', 'b']],
    ['{{ Object.keys([7, 8]) }}', ['0', '1']],
    ['{{ $if($json.age > 30, "senior", "junior") }}', 'senior'],
    ['{{ $if(false, 1) }}', undefined],
    ['{{ [$isEmpty(null), $isEmpty(""), $isEmpty([]), $isEmpty({}), $isEmpty(0), $isEmpty(" "), $isEmpty([0])] }}', [true, true, true, true, false, false, false]],
    ['{{ $ifEmpty($json.nickname, "n/a") }}', 'n/a'],
    ['{{ $ifEmpty($json.name, "n/a") }}', 'Ann Lee'],
    // $str
    ['{{ $str.slugify("Héllo, Wörld! 2024") }}', 'hello-world-2024'],
    ['{{ $str.slugify("  A  B  ", "_") }}', 'a_b'],
    ['{{ $str.truncate("Hello world", 8) }}', 'Hello w…'],
    ['{{ $str.truncate("Hello world", 8, "...") }}', 'Hello...'],
    ['{{ $str.truncate("short", 10) }}', 'short'],
    ['{{ $str.capitalize("élan vital") }}', 'Élan vital'],
    ['{{ $str.titleCase("hello BIG world-wide") }}', 'Hello Big World-Wide'],
    ['{{ $str.emailDomain($json.email) }}', 'example.com'],
    ['{{ $str.emailDomain("Ann <ann@Mail.example.org>") }}', 'mail.example.org'],
    ['{{ $str.emailDomain("not an email") }}', null],
    ['{{ [$str.isEmail("a@b.co"), $str.isEmail("a@b"), $str.isEmail("a b@c.de"), $str.isEmail("@x.io")] }}', [true, false, false, false]],
    ['{{ $str.stripHtml("<p>Hi <b>there</b> &amp; welcome<script>alert(1)</script></p>") }}', 'Hi there & welcome'],
    ['{{ $str.base64Encode("héllo") }}', Buffer.from('héllo').toString('base64')],
    ['{{ $str.base64Decode($str.base64Encode("héllo")) }}', 'héllo'],
    // $date
    ['{{ $date.toISO($now) }}', '2024-05-31T22:30:15.250Z'],
    ['{{ $date.format($now, "yyyy-MM-dd") }}', '2024-05-31'],
    ['{{ $date.format($now, "yyyy-MM-dd HH:mm", "Europe/Paris") }}', '2024-06-01 00:30'],
    ['{{ $date.format($now, "EEEE d MMMM yy, h:mm a ZZ", "America/New_York") }}', 'Friday 31 May 24, 6:30 PM -04:00'],
    ["{{ $date.format($now, \"'Week day:' EEE, 'it''s' SSS\") }}", "Week day: Fri, it's 250"],
    ['{{ $date.format("2024-01-15", "MMM d, yyyy") }}', 'Jan 15, 2024'],
    ['{{ $date.format($now, "X") }}', '1717194615'],
    ['{{ $date.addDays($now, 1) }}', '2024-06-01T22:30:15.250Z'],
    ['{{ $date.addDays("2024-03-01", -1) }}', '2024-02-29T00:00:00.000Z'],
    ['{{ $date.addHours($now, 2) }}', '2024-06-01T00:30:15.250Z'],
    ['{{ $date.add("2024-01-31T00:00:00Z", 1, "month") }}', '2024-02-29T00:00:00.000Z'],
    ['{{ $date.add("2024-02-29", 1, "years") }}', '2025-02-28T00:00:00.000Z'],
    ['{{ $date.addMonths("2024-05-31", 1) }}', '2024-06-30T00:00:00.000Z'],
    ['{{ $date.diff("2024-06-01", "2024-05-01", "days") }}', 31],
    ['{{ $date.diff("2024-06-01T00:00:00Z", "2024-06-01T01:30:00Z", "minutes") }}', -90],
    ['{{ $date.diff("2024-05-30", "2023-05-31", "years") }}', 0],
    ['{{ $date.diff("2024-05-31", "2023-05-31", "months") }}', 12],
    ['{{ $date.startOfDay($now) }}', '2024-05-31T00:00:00.000Z'],
    ['{{ $date.startOfDay($now, "Europe/Paris") }}', '2024-05-31T22:00:00.000Z'],
    ['{{ $date.startOf($now, "week") }}', '2024-05-27T00:00:00.000Z'],
    ['{{ $date.startOf($now, "month", "Asia/Tokyo") }}', '2024-05-31T15:00:00.000Z'],
    ['{{ $date.startOf("2024-03-31T12:00:00Z", "day", "Europe/Berlin") }}', '2024-03-30T23:00:00.000Z'],
    ['{{ $date.parse("2024-05-31T10:00:00+02:00") }}', '2024-05-31T08:00:00.000Z'],
    ['{{ $date.parse("2024-05-31 10:00") }}', '2024-05-31T10:00:00.000Z'],
    ['{{ $date.parse("Fri, 31 May 2024 10:00:00 GMT") }}', '2024-05-31T10:00:00.000Z'],
    ['{{ $date.parse("Fri, 31 May 2024 10:00:00 +0200") }}', '2024-05-31T08:00:00.000Z'],
    ['{{ [$date.isValid("2024-02-30"), $date.isValid("yesterday"), $date.isValid($now), $date.isValid("2024-02-29")] }}', [false, false, true, true]],
    ['{{ $date.toMillis("1970-01-01T00:00:01Z") }}', 1000],
    ['{{ $date.toUnix($now) }}', 1717194615],
    ['{{ $date.fromUnix(0) }}', '1970-01-01T00:00:00.000Z'],
  ])('%s → %j', (template, expected) => {
    expect(run(template)).toEqual(expected);
  });

  it('accepts a Date as $now and exposes its UTC methods', () => {
    const local = { ...scope, $now: new Date(Date.UTC(2024, 0, 2, 3)) };
    expect(renderTemplate('{{ $date.format($now, "yyyy-MM-dd HH") }}', local)).toBe('2024-01-02 03');
    expect(renderTemplate('{{ $now.getUTCFullYear() + "/" + $now.toISOString() }}', local)).toBe('2024/2024-01-02T03:00:00.000Z');
    expect(renderTemplate('{{ $now.getHours }}', local)).toBeUndefined();
  });

  it.each([
    ['{{ $date.format("yesterday", "yyyy") }}', /is not a date/],
    ['{{ $date.format($now, "yyyy", "Mars/Olympus") }}', /Unknown time zone/],
    ['{{ $date.add($now, 1, "fortnight") }}', /Unknown unit/],
    ['{{ JSON.parse("{bad") }}', /JSON.parse\(\)/],
    ['{{ decodeURIComponent("%") }}', /decodeURIComponent/],
    ['{{ (1).toFixed(500) }}', /between 0 and 100/],
    ['{{ [].reduce((a, b) => a) }}', /initial value/],
    ['{{ "a".normalize("XYZ") }}', /normalize/],
  ])('%s fails clearly', (template, message) => {
    expect(() => run(template)).toThrow(message);
  });
});
