# Writes OUT: one {"name.md", "text"} initializer per file in FILES, so that
# SARIF rules carry each check's one-line summary without data files.
set(content "// Generated from docs/checks/*.md. Do not edit.\n")
string(REPLACE "|" ";" FILES "${FILES}")
foreach(f ${FILES})
  get_filename_component(name ${f} NAME)
  file(READ ${f} text)
  string(APPEND content "{\"${name}\", R\"dbleak_md(${text})dbleak_md\"},\n")
endforeach()
file(WRITE ${OUT} "${content}")
