/**
 * Tile names as Ichnaea serves them (`TILES_PATTERN = "{z}/{x}/{y}.png"`), plus the
 * front page's 512-px `0/0/0@2x.png`. Sync compares, writes and deletes only paths
 * of this shape, so nothing else in the output is ever touched.
 */
export function tilePath(z: number, x: number, y: number, retina = false): string {
  return `${z}/${x}/${y}${retina ? '@2x' : ''}.png`
}

const TILE_PATH = /^(\d{1,2})\/(\d{1,5})\/(\d{1,5})(@2x)?\.png$/

export function isTilePath(path: string): boolean {
  return TILE_PATH.test(path)
}
