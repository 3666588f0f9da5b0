# Writes OUT: one {name, text} initializer per YAML file in FILES.
set(content "// Generated from checks/catalog/*.yaml. Do not edit.\n")
string(REPLACE "|" ";" FILES "${FILES}")
foreach(f ${FILES})
  get_filename_component(name ${f} NAME)
  file(READ ${f} text)
  string(APPEND content "{\"${name}\", R\"dbleak_yaml(${text})dbleak_yaml\"},\n")
endforeach()
file(WRITE ${OUT} "${content}")
