import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength, MinLength } from 'class-validator';

/** A table the page shows, to be written as an Excel file. */
export class ExportTableDto {
  @ApiProperty({ description: '表名(工作表名和文件名)', example: '单位排名' })
  @IsString({ message: 'title 必须是文字' })
  @MinLength(1, { message: '请填写表名' })
  @MaxLength(100, { message: '表名不能超过 100 个字' })
  title!: string;

  @ApiProperty({ description: '列名', example: ['名次', '单位'], type: [String] })
  @IsArray({ message: 'columns 必须是列表' })
  @ArrayMaxSize(60, { message: '列数不能超过 60' })
  @IsString({ each: true, message: '列名必须是文字' })
  @MaxLength(200, { each: true, message: '列名不能超过 200 个字' })
  columns!: string[];

  @ApiProperty({
    description: '各行的单元格(文字或数字)',
    example: [[1, '市科技局']],
    type: 'array',
    items: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true } },
  })
  @IsArray({ message: 'rows 必须是列表' })
  @ArrayMaxSize(20_000, { message: '行数不能超过 20000' })
  @IsArray({ each: true, message: '每一行必须是单元格列表' })
  rows!: (string | number | null)[][];
}
