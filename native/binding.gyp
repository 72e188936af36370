{
  "targets": [
    {
      "target_name": "mbn_diag",
      "cflags_cc": ["-std=c++17"],
      "defines": [
        "NAPI_VERSION=8",
        "NAPI_CPP_EXCEPTIONS",
        "NODE_ADDON_API_DISABLE_DEPRECATED",
        "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "conditions": [
        [
          "OS=='win'",
          {
            "sources": [
              "src/addon.cc",
              "src/client.cc",
              "src/com_thread.cc",
              "src/com_util.cc",
              "src/emitter.cc",
              "src/js_convert.cc",
              "src/mbn_core.cc",
              "src/mbn_guids_mingw.cc",
              "src/sinks.cc"
            ],
            "defines": ["UNICODE", "_UNICODE", "WIN32_LEAN_AND_MEAN", "NOMINMAX"],
            "libraries": ["ole32.lib", "oleaut32.lib", "uuid.lib", "mbnapi_uuid.lib"],
            "msvs_settings": {
              "VCCLCompilerTool": {
                "ExceptionHandling": 1,
                "AdditionalOptions": ["/std:c++17", "/guard:cf", "/sdl", "/W4"]
              },
              "VCLinkerTool": { "AdditionalOptions": ["/guard:cf"] }
            }
          },
          {
            "sources": ["src/unsupported.cc"],
            "cflags!": ["-fno-exceptions"],
            "cflags_cc!": ["-fno-exceptions"],
            "xcode_settings": {
              "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
              "CLANG_CXX_LANGUAGE_STANDARD": "c++17"
            }
          }
        ]
      ]
    }
  ]
}
