from companion.schema import write_schema

print(write_schema())
