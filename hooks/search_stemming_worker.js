// The search worker of a build whose language has a stemmer (Spanish), written by hooks/search_stemming.py, which
// fills in MATERIAL_WORKER: Material's own worker, loaded below. Material adds "*" to every typed word, and lunr
// never stems a word with a wildcard, so "entrevistas" would miss a page that says only "entrevista". Here each
// typed word is first cut to the part it shares with its stem (lunr's stemmer for the language): "entrevistas"
// becomes "entrevist", and Material's "entrevist*" finds every form. Registered before Material's listener, this
// one changes each query before Material reads it.
const MATERIAL_WORKER = "__MATERIAL_WORKER__";
const QUERY = 2; // Material's message types: 0 sets the index up (with its languages), 2 is a query
let language = "";

// The word's start that its stem keeps (stems drop accents, the word's own letters are kept), or the word itself.
const cut = (word) => {
  const stemmer = self.lunr?.[language]?.stemmer;
  if (!stemmer) return word;
  const lower = word.toLowerCase();
  const stem = String(stemmer(new self.lunr.Token(lower)));
  let same = 0;
  while (same < stem.length && stem[same] === lower[same]) same += 1;
  return same >= 3 ? lower.slice(0, same) : word;
};

addEventListener("message", (event) => {
  const message = event.data;
  if (message?.type === 0) language = message.data.config.lang.length === 1 ? message.data.config.lang[0] : "";
  if (message?.type === QUERY && typeof message.data === "string") message.data = message.data.replace(/[\p{L}\p{M}]{4,}/gu, cut);
});

importScripts(MATERIAL_WORKER);
