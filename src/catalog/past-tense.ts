/**
 * Whether a word is a past-tense verb, as event names want their action
 * (`orders.order.placed`, `mail.message.sent`): one of the irregular past forms below,
 * a verb the catalogue lists, or a word of four letters or more ending in -ed. Words in
 * -eed are base forms (feed, need, succeed) except the few past forms listed; and a few
 * common -ed words are not verbs (hundred, embed). Pure.
 */

/** Irregular past tenses and past participles. `run` and `read` are left out where they are more often nouns. */
const IRREGULAR = new Set(`
  arose awoke awoken beat beaten became begun began bent bet bid bit bitten bled blew blown bore borne bought bound
  bred broadcast broke broken brought built burnt burst cast caught chose chosen clung came cost crept cut dealt did
  done drawn drew dreamt drank drunk driven drove dug ate eaten fed fell fallen felt fled flew flown flung forbade
  forbidden forecast forgave forgiven forgot forgotten found fought froze frozen gave given went gone got gotten
  ground grew grown had heard held hid hidden hit hung hurt kept knelt knew known laid lain lay leapt learnt leant
  led left lent let lit lost made meant met mistook mistaken overcame overran overtook overtaken overthrew paid put
  quit rebuilt redid redone remade reran reset resent resold rewound rewrote rewritten rode ridden rang rung rose
  risen ran said saw seen sought sold sent set shook shaken shed shone shot shown shrank shrunk shut sang sung sank
  sunk sat slept slid slung slit smelt spoke spoken sped spent spilt spun spat split spread sprang sprung stood stole
  stolen stuck stung stank struck strung strove swore sworn swept swam swum swung took taken taught tore torn told
  thought threw thrown thrust understood undertook undertaken undid undone upheld upset woke woken wore worn wove woven
  wept won wound withdrew withdrawn withheld wrung wrote written
`.trim().split(/\s+/))

/** Past forms in -eed; other -eed words are base forms. */
const PAST_IN_EED = new Set(['agreed', 'disagreed', 'freed', 'guaranteed', 'decreed', 'refereed', 'emceed'])
/** Words in -ed that are not past tenses. */
const NOT_PAST = new Set(['embed', 'hundred', 'sacred', 'naked', 'wicked', 'kindred', 'shred', 'sled', 'seabed', 'hatred', 'rugged', 'ragged', 'jagged'])


/** Whether `word` (lower case) reads as a past tense; `verbs` are more the catalogue accepts. */
export function isPastTense(word: string, verbs: readonly string[] = []): boolean {
  const lower = word.toLowerCase()
  if (IRREGULAR.has(lower) || verbs.includes(lower)) return true
  if (lower.endsWith('eed')) return PAST_IN_EED.has(lower)
  return lower.length >= 4 && lower.endsWith('ed') && !NOT_PAST.has(lower)
}
