# Web link settings for the app (`threadlab`) and the Node build of `threadlab-cli`.
# Kept out of src/ so the program sources and their CMake stay platform-neutral.

if(TARGET threadlab)
  set(_tl_name threadlab-${TL_WEB_VARIANT})
  # The exported functions and the loader's tables come from src/app/interface.json, read by
  # src/app/CMakeLists.txt.
  get_property(_tl_exports GLOBAL PROPERTY TL_WEB_EXPORTED_FUNCTIONS)
  get_property(TL_WEB_URL_KEYS_JS GLOBAL PROPERTY TL_WEB_URL_KEYS_JS)
  get_property(TL_WEB_FUNCTIONS_JS GLOBAL PROPERTY TL_WEB_FUNCTIONS_JS)
  set_target_properties(threadlab PROPERTIES
    OUTPUT_NAME ${_tl_name}
    SUFFIX ".js"                            # linking to .html crashes emcc 3.1.6's minifier
    RUNTIME_OUTPUT_DIRECTORY ${TL_WEB_DIST_DIR})
  target_link_options(threadlab PRIVATE
    -sMODULARIZE=1 -sEXPORT_NAME=createThreadlab
    -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sFULL_ES3=1
    # malloc/free and the UTF-8 helpers: web/loader.js passes long strings through the heap.
    "-sEXPORTED_RUNTIME_METHODS=['ccall','cwrap','UTF8ToString','stringToUTF8','lengthBytesUTF8']"
    "-sEXPORTED_FUNCTIONS=[${_tl_exports},'_malloc','_free']"
    -sENVIRONMENT=web,worker)
  if(TL_WEB_VARIANT STREQUAL "threads")
    # 16 MB aborts with OOM once a few threads start; growth with pthreads costs every access.
    target_link_options(threadlab PRIVATE -pthread -sPTHREAD_POOL_SIZE=4 -sINITIAL_MEMORY=128MB)
  else()
    target_link_options(threadlab PRIVATE -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB)
  endif()
  # The shell, loader, course scripts, service worker and embedding example travel with the build so dist/ is self-contained.
  # configure_file re-runs when a source changes; the loader gets the release number and the
  # tables of interface.json.
  set(THREADLAB_VERSION ${PROJECT_VERSION})
  file(GLOB _tl_web_static CONFIGURE_DEPENDS
       ${PROJECT_SOURCE_DIR}/web/*.html ${PROJECT_SOURCE_DIR}/web/*.css ${PROJECT_SOURCE_DIR}/web/*.js)
  foreach(_f ${_tl_web_static})
    get_filename_component(_n ${_f} NAME)
    if(_n STREQUAL "loader.js")
      configure_file(${_f} ${TL_WEB_DIST_DIR}/${_n} @ONLY)
    else()
      configure_file(${_f} ${TL_WEB_DIST_DIR}/${_n} COPYONLY)
    endif()
  endforeach()
  # coi-serviceworker is opt-in for static hosts; shipped when the npm package is installed.
  set(_tl_coi ${PROJECT_SOURCE_DIR}/web/node_modules/coi-serviceworker/coi-serviceworker.min.js)
  if(EXISTS ${_tl_coi})
    configure_file(${_tl_coi} ${TL_WEB_DIST_DIR}/coi-serviceworker.min.js COPYONLY)
  endif()
endif()

if(TARGET threadlab-cli)
  if(TL_WEB_VARIANT STREQUAL "single")
    set_target_properties(threadlab-cli PROPERTIES
      SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${TL_WEB_CLI_DIR})
    # SINGLE_FILE embeds the wasm, so `node threadlab-cli.js` needs no fetch() of a path.
    target_link_options(threadlab-cli PRIVATE
      -sNODERAWFS=1 -sSINGLE_FILE=1 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1
      -sENVIRONMENT=node)
  else()
    # One Node build is enough; the threads tree would only need PROXY_TO_PTHREAD for nothing.
    set_target_properties(threadlab-cli PROPERTIES EXCLUDE_FROM_ALL ON)
  endif()
endif()
