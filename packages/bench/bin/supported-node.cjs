// Plain ES5: decides whether this Node.js meets the "engines" range before anything newer is parsed.
'use strict';

function parts(version) {
  var match = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version);
  return match ? [Number(match[1]), Number(match[2] || 0), Number(match[3] || 0)] : [0, 0, 0];
}

function atLeast(have, floor) {
  var i;
  for (i = 0; i < 3; i++) {
    if (have[i] !== floor[i]) return have[i] > floor[i];
  }
  return true;
}

/**
 * Whether `version` ("22.13.0") satisfies `range`, an "engines" range made of `>=x.y.z`
 * floors joined by `||` (for example ">=22.13 <23 || >=24" is read as its floors, 22.13 and 24,
 * with each floor valid up to the next alternative's major).
 */
function isSupported(version, range) {
  var have = parts(version);
  var floors = String(range)
    .split('||')
    .map((alternative) => {
      var upper = /<\s*(\d+)/.exec(alternative);
      return { floor: parts(alternative), below: upper ? Number(upper[1]) : Infinity };
    });
  return floors.some((f) => atLeast(have, f.floor) && have[0] < f.below);
}

module.exports = { isSupported: isSupported };
