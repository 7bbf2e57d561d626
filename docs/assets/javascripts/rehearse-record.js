// rehearse-record: record yourself saying the current card, play it back, see how long you spoke.
// A recording is a Blob in this tab's memory and nothing else: never stored, never sent (see docs/privacy.md).
(() => {
  const { $, clock, announcer, onEveryPage, t } = window.nextStep;
  const SHORTCUTS = { m: "record", b: "play" };
  const TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/mp4"]; // iPhones record only mp4
  const FRAME_S = 0.05; // the recording is measured in frames of 50 ms
  const PAUSE_FRAMES = 20; // a silence longer than a second is a pause, not talking
  const QUIETEST_VOICE = 0.004; // RMS of about -48 dBFS: anything quieter is never a voice
  let leavePage = () => {}; // drops the last page's recording on instant navigation, Forget or closing

  // Time with voice: frames above a threshold set from the quietest frames (the room's noise floor),
  // joined across pauses of up to a second; longer pauses, and silence before and after, do not count.
  const talkSeconds = (levels) => {
    const sorted = [...levels].sort((a, b) => a - b);
    const floor = sorted[Math.floor(sorted.length / 10)] || 0;
    const loud = sorted[Math.floor(sorted.length * 0.9)] || 0;
    const threshold = loud > floor * 2 ? Math.max(QUIETEST_VOICE, Math.min(floor * 3, (floor + loud) / 2)) : QUIETEST_VOICE;
    let frames = 0;
    let from = -1;
    let last = -1;
    levels.forEach((level, index) => {
      if (level <= threshold) return;
      if (from >= 0 && index - last - 1 > PAUSE_FRAMES) {
        frames += last + 1 - from;
        from = -1;
      }
      if (from < 0) from = index;
      last = index;
    });
    return (from < 0 ? frames : frames + last + 1 - from) * FRAME_S;
  };

  // Measured on the finished recording, decoded in memory: live sampling would miss whatever a busy page delays.
  const measure = async (blob) => {
    const decoded = await new window.OfflineAudioContext(1, 1, 44100).decodeAudioData(await blob.arrayBuffer());
    const data = decoded.getChannelData(0);
    const step = Math.round(decoded.sampleRate * FRAME_S);
    const levels = [];
    for (let start = 0; start + step <= data.length; start += step) {
      let sum = 0;
      for (let index = start; index < start + step; index += 1) sum += data[index] * data[index];
      levels.push(Math.sqrt(sum / step));
    }
    return talkSeconds(levels);
  };

  const refusal = (error) => {
    const name = error && error.name;
    if (name === "NotAllowedError" || name === "SecurityError") {
      return t("js.record.not_allowed");
    }
    if (name === "NotFoundError" || name === "OverconstrainedError") return t("js.record.not_found");
    if (name === "NotReadableError") return t("js.record.busy");
    return t("js.record.cannot_start");
  };

  const init = () => {
    leavePage();
    const root = $(".ns-rehearse");
    const box = root && $(".ns-recorder", root);
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    const part = (name) => $(`.ns-recorder__${name}`, box);
    const [toggle, play, remove, audio, result, problem, status, clockFace] =
      ["record", "play", "delete", "audio", "result", "problem", "status", "clock"].map(part);
    const label = (button, words) => ($(".ns-recorder__label", button).textContent = words);
    const pace = Number(box.dataset.paceWpm) || 150;
    // Checked before asking, in this order: an insecure page has no navigator.mediaDevices at all.
    const cannot = !window.isSecureContext
      ? t("js.record.insecure")
      : !(navigator.mediaDevices && navigator.mediaDevices.getUserMedia && typeof window.MediaRecorder === "function")
        ? t("js.record.unsupported")
        : "";
    let card = null;
    let session = null; // the recording under way: { stream, recorder, chunks, ... }
    let url = "";
    let tick = 0;

    const say = announcer(() => status);
    const complain = (message) => {
      problem.textContent = message;
      problem.hidden = !message;
    };
    const showState = () => {
      play.hidden = remove.hidden = !url;
      label(toggle, t(session && session.recorder ? "js.record.stop" : url ? "js.record.again" : "js.record.record"));
      box.classList.toggle("is-recording", !!(session && session.recorder));
    };

    const release = (mine) => {
      clearInterval(tick);
      if (mine.stream) for (const track of mine.stream.getTracks()) track.stop(); // the browser's microphone light goes off
    };

    // Everything recorded goes: the recording under way, the Blob's URL, the player's source, the figures.
    const drop = () => {
      const mine = session;
      session = null;
      if (mine && mine.recorder && mine.recorder.state !== "inactive") mine.recorder.stop();
      if (mine) release(mine);
      if (url) {
        audio.pause();
        audio.removeAttribute("src");
        audio.load();
        URL.revokeObjectURL(url);
        url = "";
      }
      clockFace.hidden = result.hidden = true;
      result.textContent = "";
      delete result.dataset.talkSeconds;
      showState();
    };

    const finish = async (mine) => {
      if (session !== mine) return; // dropped while stopping: its data is let go
      session = null;
      const blob = new Blob(mine.chunks, { type: mine.recorder.mimeType || mine.type || "audio/webm" });
      const mineUrl = (url = URL.createObjectURL(blob));
      audio.src = url;
      const length = (mine.stopped - mine.started) / 1000;
      clockFace.textContent = clock(length);
      showState();
      const target = Number(card.dataset.targetSeconds);
      const words = Number(card.dataset.targetWords);
      let talk = -1;
      try {
        talk = await measure(blob);
      } catch {
        // A browser that cannot decode its own recording still plays it back: talk stays -1.
      }
      if (url !== mineUrl) return; // deleted or forgotten meanwhile
      if (talk < 0) result.textContent = t("js.record.no_measure");
      else if (talk < 1) result.textContent = t("js.record.no_voice");
      else result.textContent = t("js.record.result", { talk: Math.round(talk), target, pace: Math.round((words * 60) / talk), assumed: pace });
      result.dataset.talkSeconds = talk.toFixed(2);
      result.hidden = false;
      say(t("js.record.stopped", { time: clock(length), result: result.textContent }));
    };

    const record = async () => {
      drop();
      complain("");
      const mine = (session = { chunks: [] });
      try {
        mine.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        if (session !== mine) return release(mine); // the card changed while the browser asked
        mine.type = TYPES.find((type) => window.MediaRecorder.isTypeSupported(type));
        mine.recorder = new window.MediaRecorder(mine.stream, mine.type ? { mimeType: mine.type } : {});
      } catch (error) {
        if (session === mine) session = null;
        release(mine);
        showState();
        complain(refusal(error));
        return say(problem.textContent);
      }
      mine.recorder.addEventListener("dataavailable", (event) => event.data.size && mine.chunks.push(event.data));
      mine.recorder.addEventListener("stop", () => finish(mine));
      mine.recorder.start();
      mine.started = performance.now();
      tick = setInterval(() => (clockFace.textContent = clock((performance.now() - mine.started) / 1000)), 250);
      clockFace.textContent = "0:00";
      clockFace.hidden = false;
      showState();
      say(t("js.record.started"));
    };

    const stop = () => {
      const mine = session;
      mine.stopped = performance.now();
      mine.recorder.stop(); // its stop event brings the last data, then finish()
      release(mine);
    };

    const run = (action) => {
      if (action === "record" && session && session.recorder) return stop();
      if (action === "record" && !session) return record();
      if (action === "play" && url && audio.paused) {
        return audio.play().catch(() => complain(t("js.record.no_playback")));
      }
      if (action === "play" && url) return audio.pause();
      if (action === "delete") {
        drop();
        toggle.focus();
        say(t("js.record.deleted"));
      }
    };

    // A recording made by MediaRecorder often has no length until it is read to the end: seek far, then back.
    audio.addEventListener("loadedmetadata", () => {
      if (audio.duration === Infinity) audio.currentTime = 1e101;
    });
    audio.addEventListener("durationchange", () => {
      if (Number.isFinite(audio.duration) && audio.paused && audio.currentTime > 0) audio.currentTime = 0;
    });
    audio.addEventListener("play", () => label(play, t("js.record.playing")));
    audio.addEventListener("pause", () => {
      label(play, t("js.record.play"));
      if (Number.isFinite(audio.duration)) audio.currentTime = 0;
    });
    box.addEventListener("click", (event) => {
      const pressed = event.target.closest("button[data-record]");
      if (pressed) run(pressed.dataset.record);
    });
    // Shortcuts act only while focus is in the player (WCAG 2.1.4), as rehearse.js's do, and never while typing.
    root.addEventListener("keydown", (event) => {
      const action = event.key.length === 1 && SHORTCUTS[event.key.toLowerCase()];
      if (!action || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target.closest("input, select, textarea, [contenteditable]") || box.closest("[hidden]") || part(action).hidden) return;
      event.preventDefault();
      run(action);
    });
    // rehearse.js says which card shows: a recording belongs to its card and goes when the card does.
    root.addEventListener("ns-rehearse:show", (event) => {
      if (event.detail.card !== card) drop();
      card = event.detail.card;
    });

    toggle.hidden = !!cannot;
    complain(cannot);
    box.hidden = false;
    leavePage = drop;
  };

  // The Rehearse page loads this file itself, and Material runs it again on every instant visit: core subscribes once.
  if (onEveryPage("rehearse-record", init)) {
    document.addEventListener("next-step:forgotten", () => leavePage());
    window.addEventListener("pagehide", () => leavePage());
  }
})();
