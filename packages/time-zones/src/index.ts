export { instantOfWallClock, timeZoneOffsetMs, wallClockOf, type WallClock } from './time-zones.js';
