//! One Parquet table being written: typed column builders filled a row at a time and
//! flushed as a record batch (a Parquet row group) every [`ROWS_PER_BATCH`] rows, so a
//! table's memory does not grow with the number of rows.

use crate::ParquetError;
use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Float64Builder, ListBuilder, StringBuilder, StructBuilder,
    TimestampMillisecondBuilder, UInt32Builder, UInt64Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

/// Rows buffered before they are written as one row group.
pub const ROWS_PER_BATCH: usize = 64 * 1024;

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Str,
    /// An unsigned integer (ids, positions).
    U64,
    /// A float.
    F64,
    /// True or false.
    Bool,
    /// A UTC timestamp, given in seconds and stored in milliseconds (Parquet's coarsest
    /// timestamp unit, which Spark and DuckDB read as timestamps).
    Time,
    /// A list of UTF-8 texts.
    StrList,
    /// A list of unsigned integers (ids).
    U64List,
    /// A character span of the article text: a struct `{start, end}` (end exclusive).
    Span,
    /// A list of character spans.
    SpanList,
}

/// A column: its name, type and whether it may be null.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    /// The column's name.
    pub name: &'static str,
    /// Its type.
    pub kind: Kind,
    /// Whether a row may leave it empty.
    pub nullable: bool,
}

/// A required column.
pub const fn req(name: &'static str, kind: Kind) -> Col {
    Col {
        name,
        kind,
        nullable: false,
    }
}

/// A column that may be null.
pub const fn opt(name: &'static str, kind: Kind) -> Col {
    Col {
        name,
        kind,
        nullable: true,
    }
}

/// One value of a row, matching its column's [`Kind`].
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// Text.
    Str(Option<&'a str>),
    /// An unsigned integer.
    U64(Option<u64>),
    /// A float.
    F64(Option<f64>),
    /// A boolean.
    Bool(Option<bool>),
    /// Unix seconds.
    Time(Option<i64>),
    /// A list of texts (never null: an empty list when there is none).
    StrList(&'a [String]),
    /// A list of unsigned integers (never null).
    U64List(&'a [u64]),
    /// A character span `[start, end)`.
    Span(Option<[u32; 2]>),
    /// A list of character spans (never null).
    SpanList(&'a [[u32; 2]]),
}

enum Builder {
    Str(StringBuilder),
    U64(UInt64Builder),
    F64(Float64Builder),
    Bool(BooleanBuilder),
    Time(TimestampMillisecondBuilder),
    StrList(ListBuilder<StringBuilder>),
    U64List(ListBuilder<UInt64Builder>),
    Span(StructBuilder),
    SpanList(ListBuilder<StructBuilder>),
}

/// The fields of a span struct.
fn span_fields() -> Fields {
    Fields::from(vec![
        Field::new("start", DataType::UInt32, false),
        Field::new("end", DataType::UInt32, false),
    ])
}

fn span_builder() -> StructBuilder {
    let children: Vec<Box<dyn ArrayBuilder>> = vec![
        Box::new(UInt32Builder::new()),
        Box::new(UInt32Builder::new()),
    ];
    StructBuilder::new(span_fields(), children)
}

/// A list's item field: its values are never null.
fn item(data_type: DataType) -> Arc<Field> {
    Arc::new(Field::new("item", data_type, false))
}

/// Appends a span (a null struct for `None`); false when the builder is not a span's.
fn append_span(builder: &mut StructBuilder, span: Option<[u32; 2]>) -> bool {
    // A null span still gives its children a value each: arrow's struct children have one
    // slot per row, and these children are declared non-null.
    let [start, end] = span.unwrap_or([0, 0]);
    for (i, value) in [start, end].into_iter().enumerate() {
        match builder.field_builder::<UInt32Builder>(i) {
            Some(child) => child.append_value(value),
            None => return false,
        }
    }
    builder.append(span.is_some());
    true
}

impl Builder {
    fn new(kind: Kind) -> Builder {
        match kind {
            Kind::Str => Builder::Str(StringBuilder::new()),
            Kind::U64 => Builder::U64(UInt64Builder::new()),
            Kind::F64 => Builder::F64(Float64Builder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
            Kind::Time => Builder::Time(TimestampMillisecondBuilder::new().with_timezone("UTC")),
            Kind::StrList => Builder::StrList(
                ListBuilder::new(StringBuilder::new()).with_field(item(DataType::Utf8)),
            ),
            Kind::U64List => Builder::U64List(
                ListBuilder::new(UInt64Builder::new()).with_field(item(DataType::UInt64)),
            ),
            Kind::Span => Builder::Span(span_builder()),
            Kind::SpanList => Builder::SpanList(
                ListBuilder::new(span_builder()).with_field(item(DataType::Struct(span_fields()))),
            ),
        }
    }

    /// Appends `cell`; false when its type is not the column's.
    fn append(&mut self, cell: Cell<'_>) -> bool {
        match (self, cell) {
            (Builder::Str(b), Cell::Str(v)) => b.append_option(v),
            (Builder::U64(b), Cell::U64(v)) => b.append_option(v),
            (Builder::F64(b), Cell::F64(v)) => b.append_option(v),
            (Builder::Bool(b), Cell::Bool(v)) => b.append_option(v),
            (Builder::Time(b), Cell::Time(v)) => b.append_option(v.map(|s| s.saturating_mul(1000))),
            (Builder::StrList(b), Cell::StrList(items)) => {
                for item in items {
                    b.values().append_value(item);
                }
                b.append(true);
            }
            (Builder::U64List(b), Cell::U64List(items)) => {
                b.values().append_slice(items);
                b.append(true);
            }
            (Builder::Span(b), Cell::Span(span)) => return append_span(b, span),
            (Builder::SpanList(b), Cell::SpanList(spans)) => {
                for span in spans {
                    if !append_span(b.values(), Some(*span)) {
                        return false;
                    }
                }
                b.append(true);
            }
            _ => return false,
        }
        true
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Str(b) => Arc::new(b.finish()),
            Builder::U64(b) => Arc::new(b.finish()),
            Builder::F64(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
            Builder::Time(b) => Arc::new(b.finish()),
            Builder::StrList(b) => Arc::new(b.finish()),
            Builder::U64List(b) => Arc::new(b.finish()),
            Builder::Span(b) => Arc::new(b.finish()),
            Builder::SpanList(b) => Arc::new(b.finish()),
        }
    }
}

fn data_type(kind: Kind) -> DataType {
    match kind {
        Kind::Str => DataType::Utf8,
        Kind::U64 => DataType::UInt64,
        Kind::F64 => DataType::Float64,
        Kind::Bool => DataType::Boolean,
        Kind::Time => DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())),
        Kind::StrList => DataType::List(item(DataType::Utf8)),
        Kind::U64List => DataType::List(item(DataType::UInt64)),
        Kind::Span => DataType::Struct(span_fields()),
        Kind::SpanList => DataType::List(item(DataType::Struct(span_fields()))),
    }
}

/// The Arrow schema of a table with `columns`.
pub fn schema(columns: &[Col]) -> SchemaRef {
    Arc::new(Schema::new(
        columns
            .iter()
            .map(|c| Field::new(c.name, data_type(c.kind), c.nullable))
            .collect::<Vec<_>>(),
    ))
}

/// A table being written to `<dir>/<name>.parquet`.
pub struct Table {
    name: &'static str,
    columns: &'static [Col],
    schema: SchemaRef,
    builders: Vec<Builder>,
    pending: usize,
    rows: u64,
    writer: ArrowWriter<File>,
}

impl Table {
    /// Creates `<dir>/<name>.parquet` with the schema of `columns`.
    pub fn create(
        dir: &Path,
        name: &'static str,
        columns: &'static [Col],
    ) -> Result<Table, ParquetError> {
        let path = dir.join(format!("{name}.parquet"));
        let file = File::create(&path).map_err(|source| ParquetError::Create {
            path: path.display().to_string(),
            source,
        })?;
        let schema = schema(columns);
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROWS_PER_BATCH))
            .build();
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(props))?;
        Ok(Table {
            name,
            columns,
            schema,
            builders: columns.iter().map(|c| Builder::new(c.kind)).collect(),
            pending: 0,
            rows: 0,
            writer,
        })
    }

    /// Appends one row: one cell per column, in the columns' order.
    pub fn push(&mut self, row: &[Cell<'_>]) -> Result<(), ParquetError> {
        if row.len() != self.columns.len() {
            return Err(ParquetError::Row {
                table: self.name,
                detail: format!("{} cells for {} columns", row.len(), self.columns.len()),
            });
        }
        for ((builder, cell), col) in self.builders.iter_mut().zip(row).zip(self.columns) {
            if !builder.append(*cell) {
                return Err(ParquetError::Row {
                    table: self.name,
                    detail: format!("column {} is not a {cell:?}", col.name),
                });
            }
        }
        self.pending += 1;
        self.rows += 1;
        if self.pending >= ROWS_PER_BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ParquetError> {
        if self.pending == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)?;
        self.writer.write(&batch)?;
        self.pending = 0;
        Ok(())
    }

    /// Writes the buffered rows and the file's footer; returns the number of rows.
    pub fn finish(mut self) -> Result<u64, ParquetError> {
        self.flush()?;
        self.writer.close()?;
        Ok(self.rows)
    }
}
