# audio.cmake: the audio area's tests (cues, voice, terminal, --audio-only).
# Included by tests/CMakeLists.txt; names start with audio_.

# Real time through the disk driver: the file is read back for beep onsets.
corequest_add_test(audio_cue_timing
  SOURCES integration/test_audio_timing.c
  LIBS corequest_app
  ENV "SDL_AUDIODRIVER=disk" "SDL_DISKAUDIOFILE=${CMAKE_CURRENT_BINARY_DIR}/out/audio_timing.raw")
# Real time, measured to the buffer: alone on the machine.  On a fresh build
# (no ctest cost data) it ran beside audio_voice's synthesis and its steps
# came late enough that the first countdown sounded a buffer late (+10.1 ms,
# twice on clean clones).
set_tests_properties(audio_cue_timing PROPERTIES RUN_SERIAL TRUE)

corequest_add_test(audio_voice
  SOURCES integration/test_audio_voice.c
  LIBS corequest_app)

corequest_add_test(audio_prepare
  SOURCES integration/test_audio_prepare.c
  LIBS corequest_app)

corequest_add_test(audio_terminal
  SOURCES integration/test_audio_terminal.c
  LIBS corequest_app)

# In-process runs of --audio-only; one executable per real-time session so
# that they run side by side.
corequest_add_test(audio_only
  SOURCES integration/test_audio_only.c
  LIBS corequest_app)
corequest_add_test(audio_only_no_device
  SOURCES integration/test_audio_only.c
  LIBS corequest_app
  ARGS no-device)
corequest_add_test(audio_only_gamepad
  SOURCES integration/test_audio_only.c
  LIBS corequest_app
  ARGS gamepad)
corequest_add_test(audio_only_device_lost
  SOURCES integration/test_audio_only.c
  LIBS corequest_app
  ARGS device-lost)

# The speech measure itself, on synthetic renders: it must catch late, cut,
# missing and overlapping words, and beeps under them.
corequest_add_test(audio_speech_analysis
  SOURCES unit/test_speech_timing.c
  LIBS m)

# Two shipped levels rendered through the disk driver, voice only and beeps
# only in two processes at once, measured from the samples (no prompt late,
# cut or missing; no beep under words).  About 95 s of audio per render,
# played at real speed (the disk driver's own pace), as a person hears it:
# sped up, an ASan build on a loaded machine steps late enough to make a
# prompt late that would not be.  corequest-bench runs it with "daily" on
# the whole daily session.
corequest_add_test(audio_speech_timeline
  SOURCES integration/test_audio_speech.c
  LIBS corequest_app
  ENV "SDL_AUDIODRIVER=disk")
set_tests_properties(audio_speech_timeline PROPERTIES TIMEOUT 400)
