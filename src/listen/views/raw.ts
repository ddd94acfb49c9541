/**
 * `--format raw`: each line as it arrived, one per output line, so that packets never run
 * together as they do with `nc -lu`. Control characters and escapes are made visible.
 */
import {visible} from '../../text/visible.js'

const utf8 = new TextDecoder('utf-8', {ignoreBOM: true})

/**
 * The lines of a packet numbered from firstLineNo whose numbers `show` accepts, escaped,
 * each followed by a newline.
 */
export function rawLines(packet: Uint8Array, firstLineNo: number, show: (lineNo: number) => boolean): string {
  const lines = utf8.decode(packet).split('\n')
  let out = ''
  for (let i = 0; i < lines.length; i++) if (show(firstLineNo + i)) out += visible(lines[i]) + '\n'
  return out
}
