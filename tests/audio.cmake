# audio.cmake: the audio area's tests (cues, voice, terminal, --audio-only).
# Included by tests/CMakeLists.txt; names start with audio_.

# Real time through the disk driver: the file is read back for beep onsets.
corequest_add_test(audio_cue_timing
  SOURCES integration/test_audio_timing.c
  LIBS corequest_app
  ENV "SDL_AUDIODRIVER=disk" "SDL_DISKAUDIOFILE=${CMAKE_CURRENT_BINARY_DIR}/out/audio_timing.raw")

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

# The speech measure itself, on synthetic renders: it must catch late, cut,
# missing and overlapping words, and beeps under them.
corequest_add_test(audio_speech_analysis
  SOURCES unit/test_speech_timing.c
  LIBS m)
