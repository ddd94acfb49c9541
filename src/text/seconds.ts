/** A duration in milliseconds as seconds for messages: `2s`, `0.25s`, `1.5s`. */
export const formatSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))}s`
