import * as Cesium from 'cesium';

const css = (c: string) => Cesium.Color.fromCssColorString(c);

/** Standard identity colours, as the COP's CSS has them (theme.css). */
const IDENTITY_COLOR: Record<string, Cesium.Color> = {
  HOSTILE: css('#ff5a5a'),
  SUSPECT: css('#ff9a4a'),
  UNKNOWN: css('#ffe066'),
  PENDING: css('#ffe066'),
  NEUTRAL: css('#5fd17a'),
  ASSUMED_FRIEND: css('#58b4ff'),
  FRIEND: css('#58b4ff'),
};

const VOLUME_COLOR: Record<string, Cesium.Color> = {
  SECTOR: css('#6fa8dc'),
  ROZ: css('#c27ba0'),
  NO_FIRE_AREA: css('#ff4d5e'),
  ENGAGEMENT_ZONE: css('#ffb020'),
  TRANSIT_CORRIDOR: css('#8fd0c8'),
  DEFENDED_ASSET: css('#37c978'),
};

export const identityColor = (identity: string): Cesium.Color => IDENTITY_COLOR[identity] ?? Cesium.Color.WHITE;
export const volumeColor = (kind: string): Cesium.Color => VOLUME_COLOR[kind] ?? Cesium.Color.WHITE;

export const OVERLAY_COLOR = {
  threat: css('#ff4d5e'),
  engagement: css('#ffb020'),
  selected: css('#4fb3ff'),
  conflict: css('#ff3df2'),
  proposed: css('#7dffb0'),
  draft: css('#ffffff'),
} as const;
